"""Applies fixes to a file without losing a byte: edits are planned on the
decoded file text through each Post's `segments` (post offsets → file offsets),
so they work for any reader, and everything outside the edited spans (encoding,
BOM, line endings, front matter, other CSV columns) is written back unchanged.

A fix is applied when its finding is `fixable` with exactly one suggestion (or,
with `unsafe`, any finding with a suggestion: the first one). Before an edit is
made, the file's text at the mapped span must be the post's text there, escaped
the way the reader says the file stores it (`Post.meta["escape"]`, a name in
ESCAPES; a quoted CSV cell doubles its quotes). If it is not, the fix is left
for a person rather than guessed. Overlapping edits are never both applied;
the file is re-read and re-linted after each round until nothing changes, so
fixing a second time changes nothing."""

from __future__ import annotations

import contextlib
import difflib
import json
import os
import re
import stat
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import InputError
from .model import Finding, Post
from .readers.fields import ESCAPE_KEY
from .sources import Decoded, Reader

# (an unquoted cell may be in a file separated by tabs or semicolons: none of them is written)
_CSV_SPECIAL = re.compile(r'[,;\t"\r\n]')
_LINE_BREAK = re.compile(r"[\r\n]")
_YAML_PLAIN_UNSAFE = re.compile(r": |:$| #|[\r\n]|^[-?:,\[\]{}#&*!|>'\"%@`]")
# How a reader's file stores post text (Post.meta[ESCAPE_KEY]) → how to write
# text into it; None means this text cannot be written there without more
# than an in-place edit (e.g. a comma in an unquoted CSV cell).
ESCAPES: dict[str, Callable[[str], str | None]] = {
    "csv-quoted": lambda s: s.replace('"', '""'),
    "csv-unquoted": lambda s: None if _CSV_SPECIAL.search(s) else s,
    "json-string": lambda s: json.dumps(s, ensure_ascii=False)[1:-1],
    "yaml-single": lambda s: None if _LINE_BREAK.search(s) else s.replace("'", "''"),
    "yaml-plain": lambda s: None if _YAML_PLAIN_UNSAFE.search(s) else s,
    "yaml-block": lambda s: None if _LINE_BREAK.search(s) else s,
}
# Rounds of fix-and-relint before giving up on rules that keep undoing each other.
MAX_ROUNDS = 10

Lint = Callable[[Iterable[Post]], Iterator[tuple[Post, list[Finding]]]]


@dataclass(frozen=True)
class Edit:
    """Replace file text [start, end) with `text`; `old` and `new` are the post's own (unescaped) words."""

    start: int
    end: int
    text: str
    old: str
    new: str
    finding: Finding


@dataclass
class Outcome:
    """What fixing one file did: the new text, the edits made, and what is left for a person."""

    name: str
    decoded: Decoded
    text: str
    applied: list[Edit]
    remaining: list[tuple[Post, list[Finding]]]
    settled: bool

    @property
    def changed(self) -> bool:
        return self.text != self.decoded.text

    def summary(self) -> "Fixed":
        return Fixed(self.name, self.applied, self.settled)


@dataclass(frozen=True)
class Fixed:
    """What the report of `fix` needs of a file once it is written: the edits made and
    whether the fixes settled, not the file's text or posts."""

    name: str
    applied: list[Edit]
    settled: bool


def keep_case(original: str, replacement: str) -> str:
    """The replacement in the original's case: Utilise → Use, UTILISE → USE. A replacement
    with capitals of its own (a name, "NHS 111", #CamelCase) is used as written."""
    if not replacement or any(c.isupper() for c in replacement):
        return replacement
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and letters[0].isupper() and original.lstrip()[:1] == letters[0]:
        return replacement[:1].upper() + replacement[1:]
    return replacement


def chosen(finding: Finding, unsafe: bool = False) -> str | None:
    """The replacement a finding offers, or None when it needs a person."""
    if finding.fixable and len(finding.suggestions) == 1:
        return finding.suggestions[0]
    if unsafe and finding.suggestions:
        return finding.suggestions[0]
    return None


def _widen_deletion(text: str, start: int, end: int) -> tuple[int, int]:
    """Deleting a word takes one space with it, so no double space is left behind."""
    if end < len(text) and text[end] == " ":
        return start, end + 1
    if start > 0 and text[start - 1] == " ":
        return start - 1, end
    return start, end


def plan(text: str, results: Iterable[tuple[Post, list[Finding]]], unsafe: bool = False) -> list[Edit]:
    """The edits to make to `text` (the whole decoded file), overlaps resolved."""
    edits = []
    for post, findings in results:
        escape_name = post.meta.get(ESCAPE_KEY) if post.meta else None
        escape = ESCAPES.get(escape_name) if escape_name else (lambda s: s)
        if escape is None:
            continue  # a reader's escaping we do not know: never guess
        for f in findings:
            new = chosen(f, unsafe)
            if new is None:
                continue
            start, end = f.start, f.end
            new = keep_case(post.text[start:end], new)
            if not new:
                start, end = _widen_deletion(post.text, start, end)
            old = post.text[start:end]
            if old == new:
                continue
            file_start, file_end = post.file_offset(start), post.file_offset(end)
            written = escape(new)
            if written is None or text[file_start:file_end] != escape(old):
                continue
            edits.append(Edit(file_start, file_end, written, old, new, f))
    return resolve(edits)


def resolve(edits: list[Edit]) -> list[Edit]:
    """No two edits may touch the same text: the earliest wins, then the longest, then by rule id.
    The losers are not lost: the next round re-lints and offers them again if they still apply."""
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, -e.end, e.finding.rule)):
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    return kept


def apply(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits in one pass (not a copy of the file per edit)."""
    parts, at = [], 0
    for edit in sorted(edits, key=lambda e: e.start):
        parts += [text[at:edit.start], edit.text]
        at = edit.end
    parts.append(text[at:])
    return "".join(parts)


def fix_text(decoded: Decoded, name: str, reader: Reader, lint: Lint, unsafe: bool = False) -> Outcome:
    """Fix, re-read and re-lint until no fix applies (or MAX_ROUNDS), all in memory."""
    text = decoded.text
    applied: list[Edit] = []
    for round_ in range(MAX_ROUNDS + 1):
        results = list(lint(reader(replace(decoded, text=text), name)))
        edits = plan(text, results, unsafe)
        if not edits or round_ == MAX_ROUNDS:
            break
        applied.extend(edits)
        text = apply(text, edits)
    return Outcome(name, decoded, text, applied, results, settled=not edits)


def write_atomic(path: Path, data: bytes, expected: bytes, name: str) -> None:
    """Replace the file with `data` through a temporary file in the same folder and a rename,
    keeping its permissions. Refuses if the file changed since it was read; on any
    failure the original is left as it was."""
    target = Path(os.path.realpath(path))
    try:
        if target.read_bytes() != expected:
            raise InputError(f"{name}: changed while it was being fixed; not written")
        mode = stat.S_IMODE(target.stat().st_mode)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".postlint-tmp")
    except OSError as exc:
        raise InputError(f"{name}: cannot write fixes: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:  # a full disk, or Ctrl-C: the temporary file goes either way
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(f"{name}: cannot write fixes: {exc.strerror or exc}") from None
        raise


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff of one file, lines split only at real line breaks, ending each
    line and marking a last line without one as diff and patch expect."""
    out = []
    for line in difflib.unified_diff(_LINE.findall(old), _LINE.findall(new), name, name):
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
