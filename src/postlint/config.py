"""Finds, reads and validates the configuration: `.postlint.yaml`, or
`[tool.postlint]` in pyproject.toml, the nearest one walking up from the
current folder to the repository root, or the file given by `--config`. Every key is checked and a
mistake names the file, line and key; unknown keys are errors."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import regex

from .errors import ConfigError, typo_hint, where
from .globs import Globs
from .model import Severity
from .packs import matches_selector, no_match
from .platforms import canonical
from .profile import load_profile
from .readers.fields import ReadOptions
from .yamlio import LineDict, LineList, YamlSyntaxError, load_yaml

YAML_NAMES = (".postlint.yaml", ".postlint.yml")
PYPROJECT = "pyproject.toml"
TOOL_TABLE = ("tool", "postlint")
FAIL_ON = ("error", "warning", "info", "never")
STARTER = "data/starter-config.yaml"  # what `postlint init` writes
_TOOL_HEADER = re.compile(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*postlint[ \t]*[].]", re.M)


@dataclass(frozen=True)
class Config:
    """Settings for a run: built-in defaults, then a config file, then flags."""

    path: Path | None = None
    base: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    packs: tuple[Path, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: str = "error"
    platform: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    text_field: str | None = None
    organisation: Mapping[str, Any] = field(default_factory=dict)
    acronyms: tuple[str, ...] = ()
    # (selector, "file:line: 'key'") for every rule id the config names, checked once rules are loaded.
    selectors: tuple[tuple[str, str], ...] = ()

    def with_flags(self, *, select: Iterable[str] = (), ignore: Iterable[str] = (), packs: Iterable[Path] = (),
                   fail_on: str | None = None, platform: str | None = None) -> "Config":
        """Command-line flags over the file: `--select` replaces the file's
        select, `--ignore` and `--packs` add to its lists, and `--fail-on` and
        `--platform` replace its values."""
        return replace(self, select=tuple(select) or self.select, ignore=self.ignore + tuple(ignore),
                       packs=self.packs + tuple(packs), fail_on=fail_on or self.fail_on,
                       platform=platform or self.platform)

    def profile(self) -> dict[str, Any]:
        """The organisation profile: defaults, the `organisation` keys, then extra acronyms."""
        profile = load_profile(self.organisation)
        if self.acronyms:
            known = list(profile.get("acronyms") or [])
            profile["acronyms"] = known + [a for a in self.acronyms if a not in known]
        return profile

    @cached_property
    def _fail_threshold(self) -> Severity | None:
        return None if self.fail_on == "never" else Severity.parse(self.fail_on)

    def fails(self, findings: Iterable[Any]) -> bool:
        """Whether findings make the run fail: one at or above `fail_on` ("never": none do)."""
        threshold = self._fail_threshold
        return threshold is not None and any(f.severity >= threshold for f in findings)

    def read_options(self) -> ReadOptions:
        return ReadOptions(text_field=self.text_field)

    def globs(self, patterns: Iterable[str]) -> Globs:
        return Globs(patterns, self.base)

    @cached_property
    def _file_ignores(self) -> list[tuple[Globs, tuple[str, ...]]]:
        return [(self.globs([pattern]), ids) for pattern, ids in self.per_file_ignores.items()]

    def ignores_for(self, path: Path) -> tuple[str, ...]:
        """Rule ids `per_file_ignores` switches off for this file."""
        out: list[str] = []
        for globs, ids in self._file_ignores:
            if globs.matches(path):
                out.extend(i for i in ids if i not in out)
        return tuple(out)

    def check_selectors(self, rule_ids: Iterable[str]) -> None:
        """A rule id in the config that names no loaded rule is almost always a typo."""
        ids = list(rule_ids)
        for selector, origin in self.selectors:
            if not any(matches_selector(i, selector) for i in ids):
                raise ConfigError(f"{origin}: {no_match(selector, ids)}")


# --- finding and reading the file ---

def find_config(start: Path) -> Path | None:
    """The nearest .postlint.yaml, or pyproject.toml with [tool.postlint], in
    `start` or above; the search stops at a repository root (a folder with
    .git), so a config outside the repository never applies to it."""
    for folder in (start, *start.parents):
        for name in YAML_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _TOOL_HEADER.search(_read(pyproject)):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def load_config(explicit: Path | None = None, search: bool = True) -> Config:
    """The config from `explicit`, else the nearest one found, else the defaults."""
    path = explicit or (find_config(Path.cwd()) if search else None)
    if path is None:
        return Config()
    if not path.is_file():
        raise ConfigError(f"{path}: no such config file")
    return parse_config(path)


def write_starter(folder: Path) -> Path:
    """Write the commented starter config into `folder`, never over an existing one."""
    for name in YAML_NAMES:
        if (folder / name).exists():
            raise ConfigError(f"{display(folder / name)} already exists: edit it, or remove it and run "
                              "`postlint init` again")
    target = folder / YAML_NAMES[0]
    text = resources.files("postlint").joinpath(STARTER).read_text(encoding="utf-8")
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except OSError as exc:
        raise ConfigError(f"{display(target)}: cannot write: {exc.strerror or exc}") from None
    return target


def display(path: Path) -> str:
    """A path as the user would write it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{display(path)}: cannot read config: {getattr(exc, 'strerror', None) or exc}") from None


def parse_config(path: Path) -> Config:
    name, text = display(path), _read(path)
    if path.suffix == ".toml":
        data, line_of = _toml(text, name, path.name == PYPROJECT)
    else:
        data, line_of = _yaml(text, name)
    return _build(data, line_of, name, path)


LineOf = Callable[[tuple[Any, ...]], "int | None"]


def _yaml(text: str, name: str) -> tuple[Any, LineOf]:
    try:
        data = load_yaml(text)
    except YamlSyntaxError as exc:
        raise ConfigError(f"{where(name, exc.line)}: YAML syntax error: {exc.problem}") from None
    if data is None:
        data = LineDict()
        data.line, data.key_lines = 1, {}

    def line_of(path: tuple[Any, ...]) -> int | None:
        node, line = data, getattr(data, "line", None)
        for step in path:
            if isinstance(node, LineDict) and step in node:
                line, node = node.line_of(str(step)), node[step]
            elif isinstance(node, LineList) and isinstance(step, int) and step < len(node):
                line, node = node.line_of(step), node[step]
            else:
                break
        return line
    return data, line_of


_TOML_HEADER = re.compile(r"\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_TOML_KEY = re.compile(r"""\s*((?:[\w-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[\w-]+|"[^"]*"|'[^']*'))*)\s*=""")
_TOML_PART = re.compile(r"""[\w-]+|"[^"]*"|'[^']*'""")


def _toml_parts(key: str) -> tuple[str, ...]:
    return tuple(p.strip("\"'") for p in _TOML_PART.findall(key))


_TOML_AT = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)$")


def _toml_error(name: str, message: str, text: str) -> ConfigError:
    """tomllib's message with its "(at line N, column M)" moved to the front as `file:N:`."""
    at = _TOML_AT.search(message)
    if not at:
        return ConfigError(f"{name}: TOML syntax error: {message}")
    line = int(at.group(1)) if at.group(1) else text.count("\n") + 1
    return ConfigError(f"{where(name, line)}: TOML syntax error: {message[:at.start()]}")


def _toml(text: str, name: str, pyproject: bool) -> tuple[Any, LineOf]:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(name, str(exc), text) from None
    except RecursionError:
        raise ConfigError(f"{name}: TOML syntax error: nested too deeply to read") from None
    prefix = TOOL_TABLE if pyproject or "tool" in doc else ()
    data: Any = doc
    for step in prefix:
        data = data.get(step) if isinstance(data, dict) else None
    if data is None:
        raise ConfigError(f"{name}: no [tool.postlint] table")
    # tomllib keeps no line numbers: find each key's line by reading the text.
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TOML_HEADER.match(line)
        if header:
            table = _toml_parts(header.group(1))
            lines.setdefault(table, number)
            continue
        key = _TOML_KEY.match(line)
        if key:
            lines.setdefault(table + _toml_parts(key.group(1)), number)

    def line_of(path: tuple[Any, ...]) -> int | None:
        full = prefix + tuple(str(p) for p in path)
        for n in range(len(full), 0, -1):
            if full[:n] in lines:
                return lines[full[:n]]
        return None
    return data, line_of


# --- validation: each checker returns the parsed value or raises _Bad ---

class _Bad(Exception):
    def __init__(self, problem: str, path: tuple[Any, ...] = ()) -> None:
        super().__init__(problem)
        self.problem, self.path = problem, path


Check = Callable[[Any], Any]


def _expected(what: str, value: Any) -> _Bad:
    return _Bad(f"expected {what}, got {value!r}"[:300])


def _text(value: Any) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise _expected("non-empty text", value)


def _texts(value: Any) -> tuple[str, ...]:
    """A list of texts; one text on its own is a list of one."""
    items = [value] if isinstance(value, str) else value
    if isinstance(items, list):
        out = []
        for i, item in enumerate(items):
            try:
                out.append(_text(item))
            except _Bad as exc:
                raise _Bad(exc.problem, (i,)) from None
        return tuple(out)
    raise _expected("a list of texts", value)


def _choice(*options: str) -> Check:
    def check(value: Any) -> str:
        if isinstance(value, str) and value.strip().lower() in options:
            return value.strip().lower()
        raise _expected(f"one of {', '.join(options)}", value)
    return check


def _platform(value: Any) -> str:
    try:
        return canonical(_text(value))
    except ValueError as exc:
        raise _Bad(str(exc)) from None


def _severity(value: Any) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise _Bad(str(exc)) from None


def _mapping(key: Check, value: Check, what: str) -> Check:
    def check(data: Any) -> dict[Any, Any]:
        if not isinstance(data, dict):
            raise _expected(what, data)
        out = {}
        for k, v in data.items():
            try:
                out[key(k)] = value(v)
            except _Bad as exc:
                raise _Bad(exc.problem, (k,) + exc.path) from None
        return out
    return check


def _fields(schema: Mapping[str, Check]) -> Check:
    """A mapping with these keys only (`-` and `_` are the same in a key name);
    an empty value keeps the key's default."""
    def check(data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise _expected(f"a mapping with keys {', '.join(schema)}", data)
        out: dict[str, Any] = {}
        for k, v in data.items():
            canon = str(k).replace("-", "_")
            if canon not in schema:
                raise _Bad("unknown key " + typo_hint(canon, schema, f"(expected one of {', '.join(schema)})"), (k,))
            if canon in out:
                raise _Bad("given twice (once with - and once with _)", (k,))
            if v is None:  # a key left empty keeps its default
                continue
            try:
                out[canon] = schema[canon](v)
            except _Bad as exc:
                raise _Bad(exc.problem, (k,) + exc.path) from None
        return out
    return check


_TEXT_MAP = _mapping(_text, _text, "a mapping of texts")


def _regex(value: Any) -> str:
    """A regular expression (as the `regex` module reads it)."""
    text = _text(value)
    try:
        regex.compile(text)
    except regex.error as exc:
        raise _Bad(f"not a valid regular expression ({exc})") from None
    return text


ORGANISATION: dict[str, Check] = {
    "name": _text, "short_name": _text, "names": _texts, "handles": _TEXT_MAP, "variants": _TEXT_MAP,
    "variant_patterns": _mapping(_regex, _text, "a mapping of regular expression to official form"),
    "former_names": _texts, "topic_words": _texts, "acronyms": _texts,
}

SCHEMA: dict[str, Check] = {
    "select": _texts,
    "ignore": _texts,
    "packs": _texts,
    "severity": _mapping(_text, _severity, "a mapping of rule or pack id to error, warning or info"),
    "fail_on": _choice(*FAIL_ON),
    "platform": _platform,
    "include": _texts,
    "exclude": _texts,
    "per_file_ignores": _mapping(_text, _texts, "a mapping of file glob to a list of rule ids"),
    "text_field": _text,
    "organisation": _fields(ORGANISATION),
    "acronyms": _texts,
}
_CHECK = _fields(SCHEMA)


def _build(data: Any, line_of: LineOf, name: str, path: Path) -> Config:
    def origin(keys: tuple[Any, ...]) -> str:
        return f"{where(name, line_of(keys))}: '{'.'.join(str(k) for k in keys)}'"

    try:
        values = _CHECK(data)
    except _Bad as exc:
        raise ConfigError(f"{origin(exc.path) if exc.path else where(name, line_of(()))}: {exc.problem}") from None
    base = path.parent.resolve()
    raw = data if isinstance(data, dict) else {}
    keys = {str(k).replace("-", "_"): k for k in raw}
    packs = []
    for i, p in enumerate(values.get("packs", ())):
        full = (base / os.path.expanduser(p)).resolve()
        if not full.exists():
            raise ConfigError(f"{origin((keys['packs'], i))}: no such pack file or folder: {full}")
        packs.append(full)
    selectors = [(s, origin((keys[k], i))) for k in ("select", "ignore") for i, s in enumerate(values.get(k, ()))]
    selectors += [(s, origin((keys["severity"], s))) for s in values.get("severity", {})]
    selectors += [(s, origin((keys["per_file_ignores"], g))) for g, ids in values.get("per_file_ignores", {}).items()
                  for s in ids]
    values.update(path=path, base=base, packs=tuple(packs), selectors=tuple(selectors))
    return Config(**values)
