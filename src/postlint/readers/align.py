"""Maps a parsed string value back onto the raw file text it came from, for
formats whose values differ from their source: JSON and YAML escapes, quote
doubling, YAML indentation and line folding."""

from __future__ import annotations

import re

Segments = tuple[tuple[int, int], ...]

# Length of an escape in the source by its letter; other escapes are two characters.
_ESCAPE_LENGTH = {"x": 4, "u": 6, "U": 10}
# Source characters that may stand for something else: line breaks, and escapes.
_BREAK = re.compile(r"[\r\n]")
_SPECIAL = re.compile(r"[\\\r\n]")


def align(value: str, text: str, start: int, end: int, *,
          escapes: bool = False, indent: int | None = None) -> Segments:
    """Segments (post offset, file offset) mapping `value` onto `text[start:end]`.

    Each character of the value is matched to the next source character that
    can have produced it: itself, a line break folded into a space, or (with
    `escapes`) a backslash escape. Source characters that produce nothing
    (quotes, indentation, doubled quote marks) are stepped over. `indent` is
    the indentation a YAML block scalar strips from each line.

    Most of a value (a JSON string up to its first escape, a YAML scalar up to its first
    line break) is its source text as it is: that part is found in C, and only the rest
    character by character.
    """
    if value:
        special = _SPECIAL if escapes else _BREAK
        q = text.find(value[0], start, end)
        stop = special.search(text, start, end)
        stop_at = stop.start() if stop else end
        if q != -1 and q < stop_at:
            # no character before q can have produced one of the value's: the walk would
            # reach q too, then step through the plain text from there while it agrees
            plain = min(stop_at - q, len(value))
            if text.startswith(value[:plain], q):
                return walk(value, text, q + plain, end, escapes, indent, plain, [(0, q)])
    return walk(value, text, start, end, escapes, indent)


def walk(value: str, text: str, p: int, end: int, escapes: bool, indent: int | None,
         first: int = 0, segments: list[tuple[int, int]] | None = None) -> Segments:
    """`align`, character by character from `value[first]` and `text[p]` on, after the
    `segments` found before them."""
    start = p
    segments = segments if segments is not None else []
    for k in range(first, len(value)):
        ch = value[k]
        while p < end and not _produces(text, p, ch, escapes):
            p += 1
        if p >= end:
            break
        if not segments or segments[-1][1] + (k - segments[-1][0]) != p:
            segments.append((k, p))
        p += _width(text, p, ch, escapes)
        if indent and p <= end and text[p - 1] in "\r\n":
            stop = min(p + indent, end)
            while p < stop and text[p] == " ":
                p += 1
    return tuple(segments) or ((0, start),)


def _produces(text: str, p: int, ch: str, escapes: bool) -> bool:
    r = text[p]
    if escapes and r == "\\":
        return text[p + 1: p + 2] not in ("\r", "\n", "")
    return r == ch or (r in "\r\n" and ch in " \n")


def _width(text: str, p: int, ch: str, escapes: bool) -> int:
    if escapes and text[p] == "\\":
        letter = text[p + 1]
        if letter == "u" and ord(ch) > 0xFFFF:
            return 12  # a surrogate pair, \uD83D\uDE00, decodes to one character
        return _ESCAPE_LENGTH.get(letter, 2)
    return 2 if text.startswith("\r\n", p) else 1


class Located(str):
    """A parsed string value that remembers the span of file text it came
    from, and how to map its characters back onto it."""

    start: int = 0
    end: int = 0
    escapes: bool = False
    indent: int | None = None
    escape: str | None = None  # how a replacement must be written back (see fixes.ESCAPES)

    @classmethod
    def at(cls, value: str, start: int, end: int, escape: str, *, escapes: bool = False,
           indent: int | None = None) -> "Located":
        located = cls(value)
        located.start, located.end, located.escape = start, end, escape
        located.escapes, located.indent = escapes, indent
        return located

    def segments(self, text: str) -> Segments:
        return align(self, text, self.start, self.end, escapes=self.escapes, indent=self.indent)
