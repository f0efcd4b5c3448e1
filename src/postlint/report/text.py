"""Makes post text safe to print: control characters and bidirectional
overrides are shown as escapes, never passed to the terminal raw."""

from __future__ import annotations

import unicodedata

_BIDI = {0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x061C}


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch == "\t":
        return " "
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _unsafe(ch: str) -> bool:
    code = ord(ch)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return True
    if code in _BIDI or 0xD800 <= code <= 0xDFFF:
        return True
    return False


def visible(text: str) -> str:
    """Text with control, bidi-override and lone-surrogate characters escaped."""
    if not any(_unsafe(c) for c in text):
        return text
    return "".join(_escape(c) if _unsafe(c) else c for c in text)


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")
