"""The compiled-pattern cache: a pattern compiled in one run is loaded, not parsed,
in the next, and behaves the same; worker processes' patterns are kept too; and a
missing, broken, changed or other people's file is ignored, never run."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from postlint import patterncache

FLAGS = regex.VERSION1 | regex.IGNORECASE | regex.MULTILINE
PATTERN = r"\b(?:nurse|midwi(?:fe|ves))s?\b(?=[^.]*\bappointment)"


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """An empty cache folder, and the module as in a new process (nothing read yet)."""
    where = tmp_path / "cache"
    monkeypatch.setenv("POSTLINT_CACHE_DIR", str(where))
    monkeypatch.delenv("POSTLINT_NO_CACHE", raising=False)
    new_process(monkeypatch)
    return where


def new_process(monkeypatch) -> None:
    """Forget what was read and made, as a new run would."""
    monkeypatch.setattr(patterncache, "_path", None)


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The patterns the regex module is asked to parse."""
    seen: list[str] = []
    compile_ = regex.compile

    def counting(pattern, flags=0, **kwargs):
        seen.append(pattern)
        return compile_(pattern, flags, **kwargs)

    monkeypatch.setattr(patterncache.regex, "compile", counting)
    return seen


def test_a_pattern_is_loaded_in_the_next_run_and_matches_the_same(folder, parses, monkeypatch):
    first = patterncache.compiled(PATTERN, FLAGS)
    patterncache.save()
    assert parses == [PATTERN] and len(list(folder.glob("patterns-*.pickle"))) == 1
    new_process(monkeypatch)
    again = patterncache.compiled(PATTERN, FLAGS)
    assert parses == [PATTERN]  # loaded, not parsed again
    for text in ("Two nurses took the appointment.", "NURSE x appointment", "a nurse. appointment", "midwives"):
        assert [m.span() for m in again.finditer(text)] == [m.span() for m in first.finditer(text)]
    assert again.pattern == first.pattern and again.flags == first.flags


def test_nothing_new_writes_nothing(folder):
    patterncache.compiled(PATTERN, FLAGS)
    patterncache.save()
    path = next(folder.glob("patterns-*.pickle"))
    stamp = path.stat().st_mtime_ns
    patterncache.compiled(PATTERN, FLAGS)
    patterncache.save()
    assert path.stat().st_mtime_ns == stamp


class Payload:
    def __reduce__(self):
        return (os.system, ("touch ran",))


@pytest.mark.parametrize("content", [
    b"not a pickle",
    pickle.dumps({(PATTERN, int(FLAGS)): b"broken"}),
    pickle.dumps({(PATTERN, int(FLAGS)): pickle.dumps(Payload())}),
    pickle.dumps([Payload()]),
    pickle.dumps({(PATTERN, int(FLAGS)): pickle.dumps(regex.compile("other", FLAGS))}),
])
def test_a_broken_or_changed_file_is_ignored_and_never_run(folder, parses, monkeypatch, tmp_path, content):
    monkeypatch.chdir(tmp_path)
    folder.mkdir(parents=True)
    path = patterncache._file()
    path.write_bytes(content)
    os.chmod(path, 0o600)
    new_process(monkeypatch)
    pattern = patterncache.compiled(PATTERN, FLAGS)
    assert pattern.search("nurse appointment") and parses == [PATTERN]  # compiled as usual
    assert not (tmp_path / "ran").exists()


def test_a_file_others_can_change_is_not_read(folder, parses, monkeypatch):
    patterncache.compiled(PATTERN, FLAGS)
    patterncache.save()
    path = next(folder.glob("patterns-*.pickle"))
    os.chmod(path, 0o666)
    new_process(monkeypatch)
    patterncache.compiled(PATTERN, FLAGS)
    assert parses == [PATTERN, PATTERN]


def test_no_cache_writes_no_file(folder, monkeypatch):
    monkeypatch.setenv("POSTLINT_NO_CACHE", "1")
    new_process(monkeypatch)
    assert patterncache.compiled(PATTERN, FLAGS).search("nurse appointment")
    patterncache.save()
    assert not folder.exists()


def test_a_full_file_keeps_what_the_last_run_used(folder, monkeypatch):
    monkeypatch.setattr(patterncache, "MAX_ENTRIES", 2)
    for p in ("a+", "b+", "c+"):
        patterncache.compiled(p)
    patterncache.save()
    new_process(monkeypatch)
    patterncache.compiled("b+")
    patterncache.compiled("d+")
    patterncache.save()
    table = pickle.loads(next(folder.glob("patterns-*.pickle")).read_bytes())
    assert sorted(p for p, _ in table) == ["b+", "d+"]


def test_another_version_starts_a_new_file(folder, monkeypatch):
    patterncache.compiled(PATTERN, FLAGS)
    patterncache.save()
    old = next(folder.glob("patterns-*.pickle"))
    monkeypatch.setattr(patterncache, "fingerprint", lambda: "another postlint")
    patterncache.compiled(PATTERN, FLAGS)
    patterncache.save()
    assert [p.name for p in folder.glob("patterns-*.pickle")] != [old.name] and not old.exists()


def test_workers_patterns_are_kept_and_reports_do_not_change(tmp_path):
    posts = tmp_path / "posts.csv"
    posts.write_text("text\n" + "".join(f"Off sick today {i}, can someone cover my shift? x\n" for i in range(40)),
                     encoding="utf-8")
    env = {**os.environ, "POSTLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("POSTLINT_NO_CACHE", None)
    run = [sys.executable, "-m", "postlint", "check", "--jobs", "2", "-f", "json", str(posts)]
    first = subprocess.run(run, capture_output=True, text=True, env=env)
    files = list((tmp_path / "cache").glob("patterns-*.pickle"))
    assert first.returncode == 1 and len(files) == 1
    table = pickle.loads(files[0].read_bytes())
    assert any("sick" in pattern for pattern, _ in table)  # compiled in a worker, kept by the parent
    second = subprocess.run(run, capture_output=True, text=True, env=env)
    assert second.stdout == first.stdout and second.returncode == 1
