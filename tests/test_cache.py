"""The pack cache: a second load of an unchanged pack comes from the cache, any
change to the pack (or to postlint) misses it, and a missing, broken or
unwritable cache never changes what is loaded or reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from postlint import cache
from postlint.errors import PackError
from postlint.packs import load_pack, load_packs

PACK = """id: mine
title: Mine
description: A test pack.
source: Test
rules:
  - id: flu
    kind: pattern
    severity: warning
    message: "'{match}'"
    explanation: A test rule that flags the word flu in every post it sees.
    source: Test
    pattern: '\\bflu\\b'
    examples: {flag: [flu jab], pass: [cold]}
"""


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("POSTLINT_CACHE_DIR", str(where))
    monkeypatch.delenv("POSTLINT_NO_CACHE", raising=False)
    return where


@pytest.fixture
def builds(monkeypatch) -> list[str]:
    """Names of the packs whose YAML was actually parsed (not taken from the cache)."""
    from postlint import packs

    seen: list[str] = []
    parse = packs._parse_text

    def counting(text: str, name: str):
        seen.append(name)
        return parse(text, name)

    monkeypatch.setattr(packs, "_parse_text", counting)
    return seen


def write(tmp_path: Path, text: str = PACK) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_second_load_comes_from_the_cache_and_behaves_the_same(tmp_path, folder, builds):
    path = write(tmp_path)
    first = load_pack(path)
    second = load_pack(path)
    assert builds == [str(path)]
    assert len(list(folder.glob("pack-*.json"))) == 1
    rule = second.rules[0]
    assert rule.id == "mine.flu" and rule.line == first.rules[0].line
    assert rule.kind.patterns[0]._compiled is None  # checked before: compiled when first used
    assert [m.group() for m in rule.kind.patterns[0].finditer("a flu jab")] == ["flu"]
    assert rule.kind.prefilters[0].groups == first.rules[0].kind.prefilters[0].groups


def test_an_edited_pack_is_read_again_and_replaces_its_old_entry(tmp_path, folder, builds):
    path = write(tmp_path)
    load_pack(path)
    write(tmp_path, PACK.replace("\\bflu\\b", "\\bcold\\b"))
    pack = load_pack(path)
    assert builds == [str(path), str(path)]
    assert pack.rules[0].kind.patterns[0].pattern == "\\bcold\\b"
    assert len(list(folder.glob("pack-*.json"))) == 1


def test_a_change_to_postlint_misses_the_cache(tmp_path, folder, builds, monkeypatch):
    path = write(tmp_path)
    load_pack(path)
    monkeypatch.setattr(cache, "fingerprint", lambda: "another postlint")
    load_pack(path)
    assert builds == [str(path), str(path)]


def test_a_broken_entry_is_rebuilt(tmp_path, folder, builds):
    path = write(tmp_path)
    load_pack(path)
    entry = next(folder.glob("pack-*.json"))
    entry.write_text('{"data": {"map": [["id", 3]]}, "prefilters": []}', encoding="utf-8")
    assert load_pack(path).rules[0].id == "mine.flu"
    entry.write_bytes(b"not JSON")
    assert load_pack(path).rules[0].id == "mine.flu"
    assert builds == [str(path)] * 3
    assert json.loads(entry.read_text(encoding="utf-8"))["data"]["line"] == 1


def test_yaml_json_cannot_hold_is_read_every_time(tmp_path, folder, builds):
    path = write(tmp_path, PACK.replace("title: Mine", "title: Mine\nversion: 2024-01-01"))
    for _ in range(2):
        with pytest.raises(PackError):  # a date is not a version text; either way, no entry
            load_pack(path)
    assert not folder.exists() or not list(folder.glob("pack-*"))


def test_a_pack_with_a_mistake_is_never_cached(tmp_path, folder):
    path = write(tmp_path, PACK.replace("severity: warning", "severity: loud"))
    for _ in range(2):
        with pytest.raises(PackError, match="severity"):
            load_pack(path)
    assert not folder.exists() or not list(folder.glob("pack-*"))


def test_no_cache_when_turned_off(tmp_path, folder, builds, monkeypatch):
    monkeypatch.setenv("POSTLINT_NO_CACHE", "1")
    path = write(tmp_path)
    load_pack(path)
    load_pack(path)
    assert builds == [str(path), str(path)] and not folder.exists()


def test_an_unwritable_cache_is_no_error(tmp_path, monkeypatch, builds):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("POSTLINT_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("POSTLINT_NO_CACHE", raising=False)
    path = write(tmp_path)
    assert load_pack(path).rules[0].id == "mine.flu"
    assert load_pack(path).rules[0].id == "mine.flu"
    assert builds == [str(path), str(path)]


def test_builtin_packs_load_the_same_from_the_cache(folder):
    fresh = load_packs()
    cached = load_packs()
    assert [(r.id, r.severity, r.message, r.kind.name) for p in fresh for r in p.rules] == \
           [(r.id, r.severity, r.message, r.kind.name) for p in cached for r in p.rules]
    assert len(list(folder.glob("pack-*.json"))) == len(fresh)


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("POSTLINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("POSTLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "postlint"


def test_an_entry_others_could_change_is_not_used(tmp_path, folder, builds):
    path = write(tmp_path)
    load_pack(path)
    entry = next(folder.glob("pack-*.json"))
    entry.chmod(0o666)
    load_pack(path)
    assert builds == [str(path), str(path)]
