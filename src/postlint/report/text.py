"""Makes post text safe to print: control characters and bidirectional
overrides are shown as escapes, never passed to the terminal raw."""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls, bidirectional marks and overrides, line and paragraph separators, and
# lone surrogates: anything that could move the cursor, recolour or reorder a terminal line.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_BREAK = re.compile(r"(\r\n|\r|\n)")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch == "\t":
        return " "
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Text with control, bidi-override and lone-surrogate characters escaped."""
    return _UNSAFE.sub(_escape, text)


def visible_lines(text: str, cr: str = "\r") -> str:
    """`visible`, keeping line breaks (LF, CRLF, and a lone CR, or `cr` in its place):
    for a diff shown at a terminal, or an annotation whose breaks are encoded later."""
    parts = _BREAK.split(text)
    parts[::2] = [visible(part) for part in parts[::2]]
    parts[1::2] = [cr if brk == "\r" else brk for brk in parts[1::2]]
    return "".join(parts)


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")
