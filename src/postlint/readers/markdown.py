"""Markdown drafts: optional YAML front matter (platform, publish_at, ignore,
anything else kept as metadata) between `---` lines, then the post itself.
Line numbers in findings count the front matter."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..model import LineIndex, Post
from ..yamlio import LineDict, YamlSyntaxError, load_yaml
from .fields import ReadOptions, post_fields

if TYPE_CHECKING:
    from ..sources import Decoded

IGNORE_KEY = "ignore"
_OPEN = ("---",)
_CLOSE = ("---", "...")


def split_front_matter(text: str, lines: LineIndex, name: str) -> tuple[str | None, int]:
    """(the front matter's YAML or None, offset where the post starts)."""
    bounds = lines.starts + (len(text),)
    if text[:bounds[1]].rstrip() not in _OPEN:
        return None, 0
    for start, end in zip(bounds[1:], bounds[2:]):
        if text[start:end].rstrip() in _CLOSE:
            return text[bounds[1]:start], end
    raise InputError(f"{name}:1: front matter opened with '---' is never closed (add a '---' line after it)")


def _front_matter(source: str, name: str) -> dict[str, Any]:
    try:
        data = load_yaml(source)
    except YamlSyntaxError as exc:
        line = f":{exc.line + 1}" if exc.line else ""
        raise InputError(f"{name}{line}: front matter: YAML syntax error: {exc.problem}") from None
    if data is None:
        return {}
    if not isinstance(data, LineDict):
        raise InputError(f"{name}:2: front matter: expected 'key: value' lines, got {type(data).__name__}")
    for key in data:
        if not isinstance(key, str):
            raise InputError(f"{name}:{data.line_of(str(key)) + 1}: front matter: key {key!r} is not text")
    return data


def read_markdown(decoded: "Decoded", name: str, options: ReadOptions = ReadOptions()) -> list[Post]:
    text = decoded.text
    lines = LineIndex.of(text)
    source, start = split_front_matter(text, lines, name)
    data = _front_matter(source, name) if source is not None else {}
    if not text[start:].strip():
        return []
    line_of = data.line_of if isinstance(data, LineDict) else (lambda key: 0)
    fields = post_fields(data, IGNORE_KEY, lambda key: f"{name}:{line_of(key) + 1}: front matter")
    return [Post(text=text[start:], path=name, segments=((0, start),), lines=lines, **fields)]
