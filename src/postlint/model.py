"""Plain data passed between the stages: sources make Posts, rules make Hits,
the linter makes Findings. Frozen so no stage can change another's data."""

from __future__ import annotations

import bisect
import enum
import re
from dataclasses import dataclass, field
from typing import Any, Mapping


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Severity(enum.IntEnum):
    """Ordered so that `severity >= fail_on` decides the exit code."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except (KeyError, AttributeError):
            raise ValueError(f"expected one of error, warning, info, got {value!r}") from None

    @property
    def label(self) -> str:
        return self.name.lower()


SEVERITY_NAMES = ("error", "warning", "info")


@dataclass(frozen=True)
class LineIndex:
    """Maps a character offset in a file's text to a 1-based (line, column).

    Built once per file; LF, CRLF and a lone CR all end a line, so old Mac
    files get real line numbers too. A window of it (`around`) holds the starts
    of a few lines from line `first` (0-based) on.
    """

    starts: tuple[int, ...]
    first: int = 0

    @classmethod
    def of(cls, text: str) -> "LineIndex":
        starts = [0]
        starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        return cls(tuple(starts))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return self.first + line + 1, offset - self.starts[line] + 1

    def around(self, start: int, end: int) -> "LineIndex":
        """The lines holding file offsets start..end, which give the same positions there:
        what a worker needs of a large file's index for one post."""
        lo = max(bisect.bisect_right(self.starts, start) - 1, 0)
        hi = bisect.bisect_right(self.starts, end)
        return LineIndex(self.starts[lo:hi], self.first + lo)


@dataclass(frozen=True)
class Post:
    """One post to lint, and where its text came from.

    `segments` maps post offsets to file offsets piecewise: each pair is
    (post_offset, file_offset) and holds until the next pair. A plain text
    file is ((0, 0),); a CSV cell with doubled quotes has one pair per run.
    """

    text: str
    path: str
    number: int = 1
    segments: tuple[tuple[int, int], ...] = ((0, 0),)
    lines: LineIndex | None = None
    row: int | None = None
    platform: str | None = None
    ignore: tuple[str, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)

    def file_offset(self, offset: int) -> int:
        segs = self.segments
        if len(segs) == 1:
            return segs[0][1] + offset
        k = bisect.bisect_right(segs, (offset, float("inf"))) - 1
        post_at, file_at = segs[max(k, 0)]
        return file_at + offset - post_at

    def position(self, offset: int, index: LineIndex | None = None) -> tuple[int, int]:
        """1-based (line, column) in the file of a character offset in the post (`index`:
        the file's line index, when the caller has found it already)."""
        if index is None:
            index = self.lines or LineIndex.of(self.text)
        return index.position(self.file_offset(offset))

    def portable(self) -> "Post":
        """The post with only the lines of its file it lies on, to send to another process:
        a file's whole index, sent with every chunk of its posts, costs far more."""
        if self.lines is None or len(self.lines.starts) <= 2:
            return self
        return self.changed(lines=self.lines.around(self.file_offset(0), self.file_offset(len(self.text))))

    def changed(self, **fields: Any) -> "Post":
        """`dataclasses.replace(self, **fields)` for fields of a Post, made as Finding.stamped
        makes a finding: `replace` goes through the frozen `__init__`, and a large run makes
        such a copy of every post (to send it to a worker, to give it the config's platform)."""
        moved = object.__new__(Post)
        moved.__dict__.update(self.__dict__, **fields)
        return moved

    def end_position(self, end: int, index: LineIndex | None = None) -> tuple[int, int]:
        """Exclusive end: the column after the last character of [start, end)."""
        if end <= 0:
            return self.position(0, index)
        line, col = self.position(end - 1, index)
        return line, col + 1

    def span_position(self, start: int, end: int) -> tuple[int, int, int, int]:
        """`position(start) + end_position(end)`, with the file's line index found once."""
        index = self.lines or LineIndex.of(self.text)
        return (*self.position(start, index), *self.end_position(end, index))


@dataclass(frozen=True)
class Hit:
    """What a rule found: a span of the post and values for its message."""

    start: int
    end: int
    values: Mapping[str, Any] = field(default_factory=dict)
    suggestions: tuple[str, ...] = ()
    fixable: bool = False


@dataclass(frozen=True)
class Finding:
    """A Hit stamped with the rule's identity, severity and file position."""

    path: str
    post: int
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    rule: str
    pack: str
    severity: Severity
    message: str
    explanation: str
    source: str
    match: str
    suggestions: tuple[str, ...] = ()
    fixable: bool = False
    row: int | None = None
    context: str = ""
    context_start: int = 0

    @classmethod
    def stamped(cls, **fields: Any) -> "Finding":
        """`Finding(**fields)` with every field given, made without the frozen `__init__`,
        which sets each of the 20 fields through `object.__setattr__` (about 3 µs a
        finding against 0.3; the linter makes one or two a post)."""
        finding = object.__new__(cls)
        finding.__dict__.update(fields)
        return finding

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "post": self.post,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "pack": self.pack,
            "severity": self.severity.label,
            "message": self.message,
            "explanation": self.explanation,
            "source": self.source,
            "match": self.match,
            "suggestions": list(self.suggestions),
        }
        if self.row is not None:
            out["row"] = self.row
        return out
