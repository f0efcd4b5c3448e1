"""`postlint fix`: the guarantees. Nothing outside a fixed span changes (encoding,
BOM, line endings, trailing newline), case is kept, overlaps are resolved, a
second run changes nothing, and a failed write leaves the original intact."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from postlint import fixes
from postlint.cli import app
from postlint.fixes import Edit, keep_case, plan, resolve, unified_diff
from postlint.linter import Linter
from postlint.model import Finding, Post, Severity
from postlint.packs import all_rules, load_packs, parse_pack
from postlint.sources import Decoded, plain_posts
from postlint.yamlio import load_yaml

runner = CliRunner()

PACK = """id: house
title: House style
description: A pack for testing fixes.
source: Test
rules:
  - id: plain
    kind: substitution
    severity: error
    message: "Use '{suggestion}' instead of '{match}'"
    explanation: Plain words are easier for everyone to read and to understand quickly.
    source: Test style guide
    swaps:
      utilise: use
      in order to: to
      going forward: ""
      facilitate: [help, support]
    examples: {flag: ["utilise it"], pass: ["use it"]}
  - id: ours
    kind: substitution
    severity: warning
    message: "Say '{suggestion}'"
    explanation: We talk about our own services in the first person, which is warmer.
    source: Test style guide
    swaps:
      the service: our service
      order to: for
    examples: {flag: ["the service"], pass: ["our service"]}
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    p = tmp_path / "packs" / "house.yaml"
    p.parent.mkdir()
    p.write_text(PACK, encoding="utf-8")
    return p


def fix(pack: Path, *args: str):
    return runner.invoke(app, ["fix", "--packs", str(pack), "--select", "house", *args])


def write(tmp_path: Path, data: bytes, name: str = "draft.txt") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# Case, overlaps, mapping: the engine's pure parts.

@pytest.mark.parametrize("original,replacement,expected", [
    ("utilise", "use", "use"),
    ("Utilise", "use", "Use"),
    ("UTILISE", "use", "USE"),
    ("In order to", "to", "To"),
    ("utilise", "NHS App", "NHS App"),
    ("#flujab", "#FluJab", "#FluJab"),
    ("utilise", "", ""),
    ("I", "we", "We"),
])
def test_keep_case(original, replacement, expected):
    assert keep_case(original, replacement) == expected


def _finding(start: int, end: int, match: str, suggestion: str, rule: str = "t.r", fixable: bool = True) -> Finding:
    return Finding(path="p", post=1, line=1, column=start + 1, end_line=1, end_column=end + 1, start=start, end=end,
                   rule=rule, pack="t", severity=Severity.ERROR, message="m", explanation="e", source="s",
                   match=match, suggestions=(suggestion,), fixable=fixable)


def test_overlapping_edits_are_never_both_applied():
    text = "utilise the service"
    post = Post(text=text, path="p")
    a = _finding(0, 11, "utilise the", "use the", rule="t.a")
    b = _finding(8, 19, "the service", "our service", rule="t.b")
    edits = plan(text, [(post, [b, a])])
    assert [e.finding.rule for e in edits] == ["t.a"]
    longest = resolve([Edit(0, 3, "x", "", "", a), Edit(0, 7, "y", "", "", b)])
    assert [e.text for e in longest] == ["y"]


def test_csv_quoted_cell_escapes_the_replacement():
    # The reader gives the cell's text with doubled quotes collapsed; segments map it back.
    file_text = '1,"He said ""utilise"" it",x\n'
    post = Post(text='He said "utilise" it', path="p.csv", segments=((0, 3), (9, 13), (17, 22)),
                meta={"escape": "csv-quoted"})
    inner = _finding(9, 16, "utilise", "use")
    quoted = _finding(8, 17, '"utilise"', '"use" this')
    (edit,) = plan(file_text, [(post, [inner])])
    assert fixes.apply(file_text, [edit]) == '1,"He said ""use"" it",x\n'
    (edit,) = plan(file_text, [(post, [quoted])])
    assert fixes.apply(file_text, [edit]) == '1,"He said ""use"" this it",x\n'


def test_unknown_escape_or_a_mismatch_is_left_for_a_person():
    file_text = '"utilise"'
    finding = _finding(0, 7, "utilise", "use")
    assert plan(file_text, [(Post(text="utilise", path="p", segments=((0, 1),), meta={"escape": "rot13"}), [finding])]) == []
    assert plan(file_text, [(Post(text="utilise", path="p"), [finding])]) == []


def test_front_matter_outside_the_post_is_untouched():
    file_text = "---\ntitle: utilise\n---\nPlease utilise it\n"
    body = file_text.index("Please")
    post = Post(text="Please utilise it\n", path="p.md", segments=((0, body),))
    (edit,) = plan(file_text, [(post, [_finding(7, 14, "utilise", "use")])])
    assert fixes.apply(file_text, [edit]) == "---\ntitle: utilise\n---\nPlease use it\n"


def test_diff_marks_a_missing_final_newline():
    out = unified_diff("a\r\nutilise", "a\r\nuse", "f.txt")
    assert out.startswith("--- f.txt\n+++ f.txt\n")
    assert "-utilise\n\\ No newline at end of file\n+use\n\\ No newline at end of file\n" in out


# The command, end to end.

def test_fix_rewrites_in_place_keeping_case_and_reports(tmp_path, pack):
    p = write(tmp_path, "Utilise the app. UTILISE it. In order to help, utilise it going forward.\n".encode())
    result = fix(pack, str(p))
    assert p.read_text(encoding="utf-8") == "Use the app. USE it. To help, use it.\n"
    assert "Fixed 5 problems in 1 file" in result.stdout
    assert "'Utilise' → 'Use'" in result.stdout and "(removed)" in result.stdout
    assert "No problems found" in result.stdout
    assert result.exit_code == 0


def test_crlf_bom_and_missing_final_newline_are_kept(tmp_path, pack):
    data = codecs.BOM_UTF8 + "Café: utilise it.\r\nSecond line stays.\r\nutilise".encode()
    p = write(tmp_path, data)
    assert fix(pack, str(p)).exit_code == 0
    assert p.read_bytes() == codecs.BOM_UTF8 + "Café: use it.\r\nSecond line stays.\r\nuse".encode()


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf16_is_written_back_in_its_byte_order(tmp_path, pack, encoding, bom):
    p = write(tmp_path, bom + "We utilise 💉\r\n".encode(encoding))
    assert fix(pack, str(p)).exit_code == 0
    assert p.read_bytes() == bom + "We use 💉\r\n".encode(encoding)


def test_bytes_outside_fixed_spans_are_identical(tmp_path, pack):
    before = "Tabs\tand  spaces \u00a0 and \u2028 odd breaks\rold mac\nutilise\n\n\n".encode()
    p = write(tmp_path, before)
    fix(pack, str(p))
    after = p.read_bytes()
    i = before.index(b"utilise")
    assert after[:i] == before[:i] and after[i:] == b"use" + before[i + len(b"utilise"):]


def test_fixing_twice_changes_nothing_the_second_time(tmp_path, pack):
    p = write(tmp_path, b"utilise the service in order to help\n")
    fix(pack, str(p))
    once = p.read_bytes()
    assert once == b"use our service to help\n"
    second = fix(pack, str(p))
    assert p.read_bytes() == once
    assert "Nothing could be fixed automatically" in second.stdout
    assert fix(pack, "--diff", str(p)).exit_code == 0


def test_overlaps_through_the_command(tmp_path, pack):
    # "in order to" and "order to" overlap: only the earlier, longer one is applied.
    p = write(tmp_path, b"We act in order to help.\n")
    fix(pack, str(p))
    assert p.read_bytes() == b"We act to help.\n"


def test_unsafe_fixes_apply_the_first_suggestion(tmp_path, pack):
    p = write(tmp_path, b"We facilitate clinics.\n")
    safe = fix(pack, str(p))
    assert p.read_bytes() == b"We facilitate clinics.\n" and safe.exit_code == 1
    assert "facilitate" in safe.stdout and "Still needs a person" in safe.stdout
    assert fix(pack, "--unsafe-fixes", str(p)).exit_code == 0
    assert p.read_bytes() == b"We help clinics.\n"


def test_diff_writes_nothing_and_exits_1(tmp_path, pack):
    p = write(tmp_path, b"Please utilise it\n")
    result = fix(pack, "--diff", str(p))
    assert result.exit_code == 1
    assert p.read_bytes() == b"Please utilise it\n"
    assert result.stdout == f"--- {p}\n+++ {p}\n@@ -1 +1 @@\n-Please utilise it\n+Please use it\n"


def test_exit_1_when_errors_remain_after_fixing(tmp_path, pack):
    p = write(tmp_path, b"We facilitate it\n")
    assert fix(pack, str(p)).exit_code == 1
    assert fix(pack, "--fail-on", "never", str(p)).exit_code == 0


def test_input_errors_exit_2(tmp_path, pack):
    result = fix(pack, str(tmp_path / "missing.txt"))
    assert result.exit_code == 2 and "no such file" in result.stderr
    result = runner.invoke(app, ["fix", "-"], input="utilise")
    assert result.exit_code == 2 and "stdin" in result.stderr
    result = fix(pack, "--platform", "myspace", str(tmp_path))
    assert result.exit_code == 2


def test_permissions_are_kept_and_no_temporary_file_is_left(tmp_path, pack):
    p = write(tmp_path, b"utilise\n")
    os.chmod(p, 0o640)
    fix(pack, str(p))
    assert stat.S_IMODE(p.stat().st_mode) == 0o640 and p.read_bytes() == b"use\n"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["draft.txt", "packs"]


def test_a_failed_rename_leaves_the_original_intact(tmp_path, pack, monkeypatch):
    p = write(tmp_path, b"utilise\n")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixes.os, "replace", broken)
    result = fix(pack, str(p))
    assert result.exit_code == 2
    assert "cannot write fixes" in result.stderr and "No space left" in result.stderr
    assert p.read_bytes() == b"utilise\n"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["draft.txt", "packs"]


class _FailingFile:
    """What os.fdopen returns when the disk fills up or the write is refused."""

    def __init__(self, fd: int, error: BaseException) -> None:
        self.fd, self.error = fd, error

    def __enter__(self) -> "_FailingFile":
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)

    def write(self, data: bytes) -> int:
        raise self.error


@pytest.mark.parametrize("error,message", [
    (OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
    (PermissionError(errno.EACCES, "Permission denied"), "Permission denied"),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), "Disk quota exceeded"),
])
def test_a_failed_write_leaves_the_original_intact_and_no_temporary_file(tmp_path, pack, monkeypatch, error,
                                                                         message):
    monkeypatch.setenv("POSTLINT_NO_CACHE", "1")  # count only the fixes' own writes
    first = write(tmp_path, b"utilise it\n", "a.txt")
    second = write(tmp_path, b"Please utilise it\r\n", "b.txt")
    real_fdopen = os.fdopen
    calls = []

    def fdopen(fd, mode="r", *args, **kwargs):
        calls.append(fd)
        if len(calls) == 2:  # the second file's write fails; the first was written
            return _FailingFile(fd, error)
        return real_fdopen(fd, mode, *args, **kwargs)

    monkeypatch.setattr(fixes.os, "fdopen", fdopen)
    result = fix(pack, str(first), str(second))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"postlint: error: {second}: cannot write fixes: {message}"
    assert "Traceback" not in result.output
    assert first.read_bytes() == b"use it\n"
    assert second.read_bytes() == b"Please utilise it\r\n"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["a.txt", "b.txt", "packs"]


def test_ctrl_c_while_writing_leaves_the_original_intact_and_no_temporary_file(tmp_path, pack, monkeypatch):
    p = write(tmp_path, b"utilise\n")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(fixes.os, "replace", interrupted)
    result = fix(pack, str(p))
    assert result.exit_code == 130
    assert p.read_bytes() == b"utilise\n"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["draft.txt", "packs"]


def test_an_unwritable_folder_leaves_the_original_intact(tmp_path, pack, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    p = write(folder, b"utilise\n")
    if os.geteuid() == 0:  # root ignores folder permissions: simulate the refusal
        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(fixes.tempfile, "mkstemp", refuse)
    else:
        os.chmod(folder, 0o500)
    try:
        result = fix(pack, str(p))
    finally:
        os.chmod(folder, 0o700)
    assert result.exit_code == 2 and "Permission denied" in result.stderr
    assert p.read_bytes() == b"utilise\n"


def test_symlink_target_is_fixed_and_link_kept(tmp_path, pack):
    target = write(tmp_path, b"utilise\n", "real.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    fix(pack, str(link))
    assert link.is_symlink() and target.read_bytes() == b"use\n"


def test_accessibility_fixes_from_the_builtin_pack(tmp_path):
    p = write(tmp_path, "Get your jab #flujabsaveslives\n𝐅𝐫𝐞𝐞 for over 65s 👏👏👏\n".encode())
    result = runner.invoke(app, ["fix", "--select", "accessibility", str(p)])
    assert p.read_text(encoding="utf-8") == "Get your jab #FluJabSavesLives\nFree for over 65s 👏👏👏\n"
    assert "repeated-emoji" in result.stdout  # needs a person (or --unsafe-fixes)
    runner.invoke(app, ["fix", "--select", "accessibility", "--unsafe-fixes", str(p)])
    assert p.read_text(encoding="utf-8") == "Get your jab #FluJabSavesLives\nFree for over 65s 👏\n"


# Any post: fixing settles, a second run changes nothing, and line breaks are untouched.

FIX_LINTER = Linter(all_rules(load_packs()) + parse_pack(load_yaml(PACK), "house.yaml").rules)
FIXABLE = st.sampled_from([
    "utilise", "Utilise", "UTILISE", "in order to", "order to", "going forward", "the service", " ", "\n", "\r\n",
    "\r", "#flujabsaveslives", "#kidscan", "𝐁𝐨𝐥𝐝", "ꜰʀᴇᴇ", "👏👏", "é", "\ufeff", ".", "facilitate",
])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(FIXABLE, st.text(max_size=8)), max_size=20).map("".join))
def test_fixing_settles_and_is_idempotent(text):
    once = fixes.fix_text(Decoded(text, "utf-8", False), "p.txt", plain_posts, FIX_LINTER.lint)
    assert once.settled
    again = fixes.fix_text(Decoded(once.text, "utf-8", False), "p.txt", plain_posts, FIX_LINTER.lint)
    assert not again.applied and again.text == once.text
    for brk in ("\r", "\n"):
        assert once.text.count(brk) == text.count(brk)
