"""Safe YAML loading that remembers line numbers, so a malformed pack or
config can be reported as `file:line: field: problem`."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


class LineDict(dict):
    """A mapping from YAML that knows the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence from YAML that knows the line of itself and of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class DuplicateKeyError(yaml.MarkedYAMLError):
    pass


class LineLoader(yaml.SafeLoader):
    """SafeLoader (no object construction) that records line numbers and refuses duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
        self.flatten_mapping(node)
        out = LineDict()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "found an unhashable key", key_node.start_mark
                ) from None
            if key in out:
                raise DuplicateKeyError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            out[key] = self.construct_object(value_node, deep=True)
            out.key_lines[str(key)] = key_node.start_mark.line + 1
        return out

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:  # type: ignore[override]
        out = LineList(self.construct_object(child, deep=True) for child in node.value)
        out.line = node.start_mark.line + 1
        out.item_lines = [child.start_mark.line + 1 for child in node.value]
        return out


LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_mapping)
LineLoader.add_constructor("tag:yaml.org,2002:seq", LineLoader.construct_sequence)


TOO_DEEP = "nested too deeply to read"


class YamlSyntaxError(ValueError):
    """YAML that does not parse; `line` is 1-based."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def load_yaml(text: str, loader: type[LineLoader] = LineLoader) -> Any:
    """Parse one YAML document safely; raise YamlSyntaxError with a line number.
    `loader` may be a LineLoader subclass that builds some values differently."""
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - LineLoader subclasses SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            problem += f" ({exc.context} started at line {exc.context_mark.line + 1})"
        raise YamlSyntaxError(problem, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc).splitlines()[0], None) from None
    except RecursionError:
        raise YamlSyntaxError(TOO_DEEP, None) from None


def to_plain(value: Any) -> Any:
    """YAML data as JSON-ready lists and dicts that keep line numbers (for the pack
    cache); TypeError for anything JSON cannot hold (a date, a set)."""
    if isinstance(value, LineDict):
        return {"map": [[k, to_plain(v)] for k, v in value.items()], "line": value.line, "keys": value.key_lines}
    if isinstance(value, LineList):
        return {"seq": [to_plain(v) for v in value], "line": value.line, "items": value.item_lines}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot keep {type(value).__name__} as JSON")


def from_plain(value: Any) -> Any:
    """The YAML data `to_plain` gave."""
    if isinstance(value, dict):
        if "map" in value:
            out = LineDict((k, from_plain(v)) for k, v in value["map"])
            out.line, out.key_lines = value["line"], dict(value["keys"])
            return out
        seq = LineList(from_plain(v) for v in value["seq"])
        seq.line, seq.item_lines = value["line"], list(value["items"])
        return seq
    return value


DATA_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def shipped(name: str) -> Any:
    """A data file shipped in postlint/data, parsed by libyaml where PyYAML has it. The
    files are ours and checked by the tests, so they need no line numbers, and the C
    parser is about eight times faster: the hashtag word list, read by each worker of a
    parallel run, takes 7 ms instead of 50 on a slow machine."""
    text = resources.files("postlint").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=DATA_LOADER)  # noqa: S506 - a safe loader
