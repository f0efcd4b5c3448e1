"""Lists of posts in JSON, JSON Lines or YAML. Each item is an object with a
text field and optional metadata (platform, ignore, anything else kept), or
just the text; a top-level object may hold the list under `posts`."""

from __future__ import annotations

import json
import re
from json.decoder import scanstring
from json.scanner import py_make_scanner  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any, Iterable, Iterator

import yaml

from ..errors import InputError
from ..model import LineIndex, Post
from ..yamlio import TOO_DEEP, LineDict, LineLoader, YamlSyntaxError, load_yaml
from .align import Located
from .fields import ReadOptions, find_text_field, post_fields, text_field_hint

if TYPE_CHECKING:
    from ..sources import Decoded

LIST_KEY = "posts"
IGNORE_KEY = "ignore"
_LINE = re.compile(r"[^\r\n]*")
_CONTENT = re.compile(r" *(?=[^ \r\n])")


def _json_decoder() -> json.JSONDecoder:
    """A JSONDecoder whose string values are Located (the pure-Python scanner
    is the one that lets string parsing be replaced)."""
    decoder = json.JSONDecoder()

    def parse_string(s: str, idx: int, strict: bool = True) -> tuple[str, int]:
        value, end = scanstring(s, idx, strict)
        return Located.at(value, idx, end - 1, "json-string", escapes=True), end

    decoder.parse_string = parse_string  # type: ignore[attr-defined]
    decoder.scan_once = py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder


class _LocatingLoader(LineLoader):
    """The line-tracking YAML loader, building every string as Located."""

    def construct_yaml_str(self, node: yaml.ScalarNode) -> str:  # type: ignore[override]
        value = super().construct_yaml_str(node)
        text, start, end = self.buffer, node.start_mark.index, node.end_mark.index
        if node.style == '"':  # JSON's escaping is valid inside YAML double quotes
            return Located.at(value, start + 1, end - 1, "json-string", escapes=True)
        if node.style == "'":
            return Located.at(value, start + 1, end - 1, "yaml-single")
        if node.style in ("|", ">"):
            start = _LINE.match(text, start).end()
            start += 2 if text.startswith("\r\n", start) else 1
            first = _CONTENT.search(text, start, end)
            return Located.at(value, start, end, "yaml-block", indent=len(first.group()) if first else 0)
        return Located.at(value, start, end, "yaml-plain")


_LocatingLoader.add_constructor("tag:yaml.org,2002:str", _LocatingLoader.construct_yaml_str)


def _json_error(name: str, exc: json.JSONDecodeError) -> InputError:
    return InputError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}")


def read_json(decoded: "Decoded", name: str, options: ReadOptions = ReadOptions()) -> list[Post]:
    try:
        data = _json_decoder().decode(decoded.text)
    except json.JSONDecodeError as exc:
        raise _json_error(name, exc) from None
    except RecursionError:
        raise InputError(f"{name}: not valid JSON: {TOO_DEEP}") from None
    return _posts(_items(data, name), name, decoded.text, options)


def read_jsonl(decoded: "Decoded", name: str, options: ReadOptions = ReadOptions()) -> list[Post]:
    """One JSON value per line; blank lines are skipped."""
    return _posts(_lines(decoded.text, name), name, decoded.text, options)


def _lines(text: str, name: str) -> Iterator[Any]:
    """The JSON value of each line that is not blank, parsed as the posts are made: a
    parsed line (every string in it Located) weighs several times its post."""
    decoder = _json_decoder()
    for m in _LINE.finditer(text):
        if not m.group().strip():
            continue
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        try:
            value, end = decoder.raw_decode(text, start)
        except json.JSONDecodeError as exc:
            raise _json_error(name, exc) from None
        except RecursionError:
            line = LineIndex.of(text).position(start)[0]
            raise InputError(f"{name}:{line}: not valid JSON: {TOO_DEEP}") from None
        if end > m.end() or text[end:m.end()].strip():
            line = LineIndex.of(text).position(end)[0]
            raise InputError(f"{name}:{line}: each line must hold exactly one JSON value")
        yield value


def read_yaml(decoded: "Decoded", name: str, options: ReadOptions = ReadOptions()) -> list[Post]:
    try:
        data = load_yaml(decoded.text, _LocatingLoader)
    except YamlSyntaxError as exc:
        line = f":{exc.line}" if exc.line else ""
        raise InputError(f"{name}{line}: YAML syntax error: {exc.problem}") from None
    if data is None:
        return []
    return _posts(_items(data, name), name, decoded.text, options)


def _items(data: Any, name: str) -> list[Any]:
    if isinstance(data, dict) and LIST_KEY in data:
        data = data[LIST_KEY]
    if not isinstance(data, list):
        raise InputError(f"{name}: expected a list of posts, or an object with a '{LIST_KEY}' list")
    return data


def _posts(items: Iterable[Any], name: str, text: str, options: ReadOptions) -> list[Post]:
    lines = LineIndex.of(text)
    posts = []
    for number, item in enumerate(items, start=1):
        where = _where(name, number, item, lines)
        value, rest = _split(item, where, options)
        if not value.strip():
            continue
        located = value if isinstance(value, Located) else None
        segments = located.segments(text) if located else ((0, 0),)
        posts.append(Post(text=str(value), path=name, number=number, segments=segments, lines=lines,
                          **post_fields(_unlocated(rest), IGNORE_KEY, lambda _key: where,
                                        located and located.escape)))
    return posts


def _unlocated(value: Any) -> Any:
    """`value` with its strings as plain `str`: a Located string keeps its place in the file
    in an attribute dict of its own, and a post's other fields are kept for the whole run
    of its file (a run of posts with ten fields each would hold ten Located per post)."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, list):
        return [_unlocated(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _unlocated(v) for k, v in value.items()}
    return value


def _where(name: str, number: int, item: Any, lines: LineIndex) -> str:
    """`file:line: post N`, with the line of the item (or of its first string) when known."""
    line = item.line if isinstance(item, LineDict) else None
    if line is None:
        values = item.values() if isinstance(item, dict) else [item]
        first = next((v for v in values if isinstance(v, Located)), None)
        line = lines.position(first.start)[0] if first is not None else None
    return f"{name}:{line}: post {number}" if line else f"{name}: post {number}"


def _split(item: Any, where: str, options: ReadOptions) -> tuple[str, dict[str, Any]]:
    """The post text and the item's other fields."""
    if isinstance(item, str):
        return item, {}
    if not isinstance(item, dict):
        raise InputError(f"{where}: expected an object with a text field, or the text itself")
    keys = [str(k) for k in item]
    k = find_text_field(keys, options)
    if k is None:
        raise InputError(f"{where}: {text_field_hint(options)}")
    value = list(item.values())[k]
    if not isinstance(value, str):
        raise InputError(f"{where}: {keys[k]!r}: expected text, got {value!r}"[:300])
    return value, {key: v for i, (key, v) in enumerate(zip(keys, item.values())) if i != k}
