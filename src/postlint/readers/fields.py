"""What every reader does with a post's metadata the same way: find the text
field, and turn `platform` and suppressions into Post fields."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from ..errors import InputError
from ..platforms import canonical

# Column or key names that hold the post text, checked case-insensitively.
TEXT_FIELDS = ("message", "text", "post", "content", "message_text", "caption")
PLATFORM_FIELD = "platform"
# Post.meta key naming how the file stores the post's text, so `fix` writes a
# replacement back the same way (a key of fixes.ESCAPES; absent: as it is).
ESCAPE_KEY = "escape"
_ID_SEPARATORS = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class ReadOptions:
    """Reader settings that come from the config."""

    text_field: str | None = None


def find_text_field(names: Iterable[Any], options: ReadOptions) -> int | None:
    """Index of the text column/key among `names`: the configured one, else the
    left-most of TEXT_FIELDS; None if there is none."""
    folded = [str(n).strip().lower() for n in names]
    wanted = (options.text_field.strip().lower(),) if options.text_field else TEXT_FIELDS
    for i, name in enumerate(folded):
        if name in wanted:
            return i
    return None


def text_field_hint(options: ReadOptions) -> str:
    """What was looked for, for the error when no text field is found."""
    if options.text_field:
        return f"no field named {options.text_field!r} (text_field in the config names it)"
    return (f"no text field: name it one of {', '.join(TEXT_FIELDS)}, "
            "or set text_field in the config")


def rule_ids(value: Any, where: str, key: str) -> tuple[str, ...]:
    """Suppressed rule ids: a list, or one text separated by commas, semicolons or spaces."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v for v in _ID_SEPARATORS.split(value) if v)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise InputError(f"{where}: '{key}': expected a list of rule ids, got {value!r}"[:300])


def platform_of(value: Any, where: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: '{PLATFORM_FIELD}': expected a platform name, got {value!r}"[:300])
    if not value.strip():
        return None
    try:
        return canonical(value)
    except ValueError as exc:
        raise InputError(f"{where}: '{PLATFORM_FIELD}': {exc}") from None


def post_fields(meta: Mapping[str, Any], ignore_key: str,
                where: Callable[[str], str], escape: str | None = None) -> dict[str, Any]:
    """Post keyword arguments from a record's other fields: `platform`, the
    suppression field `ignore_key`, and the rest kept as `meta` (with how the
    text is escaped in the file, when it is)."""
    rest = {k: v for k, v in meta.items() if k.lower() not in (PLATFORM_FIELD, ignore_key)}
    if escape:
        rest[ESCAPE_KEY] = escape
    platform = ignore = None
    for k, v in meta.items():
        if k.lower() == PLATFORM_FIELD:
            platform = platform_of(v, where(k))
        elif k.lower() == ignore_key:
            ignore = rule_ids(v, where(k), k)
    return {"platform": platform, "ignore": ignore or (), "meta": rest}
