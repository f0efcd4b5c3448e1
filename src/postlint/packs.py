"""Finds rule packs (built-in and user), loads them with the safe YAML loader
and validates every field, naming file, line, rule and field on any problem.
Nothing here imports spaCy: listing and explaining rules stay instant."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any, Iterable

from . import cache, prefilter
from .errors import PackError, typo_hint, where
from .kinds import KINDS, Kind, SpecError
from .lazyregex import checked_before
from .model import SEVERITY_NAMES, Severity
from .platforms import canonical
from .yamlio import LineDict, LineList, YamlSyntaxError, from_plain, load_yaml, to_plain

PACK_KEYS = {"id": True, "title": True, "description": True, "source": True, "rules": True, "version": False}
RULE_KEYS = {"id", "kind", "severity", "message", "explanation", "source", "examples", "summary",
             "ignore_in", "platforms", "group", "fallback", "overrides", "once"}
PROTECTED_KINDS = ("url", "email", "mention", "hashtag")
EXAMPLE_KEYS = {"text", "platform", "repeat"}
ID_CHARS = set(string.ascii_lowercase + string.digits + "-_")


@dataclass(frozen=True)
class Example:
    """A text a rule must flag (or must pass), optionally on a given platform."""

    text: str
    platform: str | None = None


@dataclass
class Rule:
    """A validated rule: its identity and words, and the kind instance that checks posts."""

    pack: str
    name: str
    kind: Kind
    severity: Severity
    message: str
    explanation: str
    source: str
    summary: str
    flag: list[Example]
    passes: list[Example]
    ignore_in: frozenset[str]
    platforms: frozenset[str] | None
    path: str
    line: int
    group: str | None = None  # rules of one group in a pack report a place once (see Linter)
    # rule and pack ids (prefixes) whose findings silence this rule's where they overlap; `true`
    # in a pack is its own pack's rules (see Linter)
    fallback: tuple[str, ...] = ()
    # rule and pack ids (prefixes) whose findings this rule's silence where they overlap: a
    # fallback declared from the other side, for a built-in rule your own pack cannot edit
    overrides: tuple[str, ...] = ()
    once: bool = False  # reported at most once a post (with its group's once rules), at its first place

    @cached_property
    def id(self) -> str:
        """`pack.name`, made once: the linter asks for it for every rule on every post."""
        return f"{self.pack}.{self.name}"


@dataclass
class Pack:
    id: str
    title: str
    description: str
    source: str
    version: str
    path: str
    rules: list[Rule] = field(default_factory=list)


def builtin_pack_files() -> list[Traversable]:
    """The packs shipped inside the wheel (the repo's top-level rules/ folder),
    read through importlib.resources so a zipped install works too."""
    root = resources.files("postlint.builtin_rules")
    return sorted((p for p in root.iterdir() if p.name.endswith((".yaml", ".yml"))), key=lambda p: p.name)


def pack_files(path: Path) -> list[Path]:
    """A pack file, or every *.yaml / *.yml in a folder (not recursive)."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        if not files:
            raise PackError(f"{path}: no rule packs (*.yaml) in this folder")
        return files
    if not path.exists():
        raise PackError(f"{path}: no such rule pack file or folder")
    return [path]


def load_packs(extra: Iterable[Path] = (), builtin: bool = True) -> list[Pack]:
    """Built-in packs, then user packs; a user pack with a built-in id replaces it."""
    packs: dict[str, Pack] = {}
    if builtin:
        for p in builtin_pack_files():
            pack = load_pack(p, display=f"rules/{p.name}")
            packs[pack.id] = pack
    user_seen: dict[str, str] = {}
    for root in extra:
        for p in pack_files(Path(root)):
            pack = load_pack(p)
            if pack.id in user_seen:
                raise PackError(f"{p}: pack id {pack.id!r} is already used by {user_seen[pack.id]}")
            user_seen[pack.id] = str(p)
            packs[pack.id] = pack
    return list(packs.values())


def load_pack(path: Path | Traversable, display: str | None = None) -> Pack:
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{name}: cannot read rule pack: {getattr(exc, 'strerror', None) or exc}") from None
    entry = cache.load("pack", name, text)
    if entry is not None:
        try:
            return _from_cache(entry, name)
        except Exception:  # a damaged entry: read the pack itself
            pass
    data = _parse_text(text, name)
    before = len(prefilter.known())
    pack = parse_pack(data, name)
    try:
        cache.store("pack", name, text, {"data": to_plain(data), "prefilters": prefilter.known()[before:]})
    except TypeError:  # YAML that JSON cannot hold (a date, say): no entry
        pass
    return pack


def _from_cache(entry: Any, name: str) -> Pack:
    """A pack from the cache: checked before, so its patterns compile only when used."""
    prefilter.remember(entry["prefilters"])
    with checked_before():
        return parse_pack(from_plain(entry["data"]), name, checked=True)


def _parse_text(text: str, name: str) -> Any:
    try:
        return load_yaml(text)
    except YamlSyntaxError as exc:
        raise PackError(f"{where(name, exc.line)}: YAML syntax error: {exc.problem}") from None


def _fail(name: str, line: int | None, problem: str) -> PackError:
    return PackError(f"{where(name, line)}: {problem}")


def _text(data: LineDict, key: str, name: str, context: str, required: bool = True) -> str:
    if key not in data:
        if required:
            raise _fail(name, data.line, f"{context}field '{key}' is required")
        return ""
    value = data[key]
    if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "version":
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise _fail(name, data.line_of(key), f"{context}field '{key}': expected non-empty text, got {value!r}"[:300])
    return value.strip()


def parse_pack(data: Any, name: str, checked: bool = False) -> Pack:
    """A validated Pack from YAML data; `checked`: it passed before (from the cache), so
    the checks that need its patterns compiled are skipped."""
    if not isinstance(data, LineDict):
        raise _fail(name, getattr(data, "line", None), "a rule pack must be a mapping with id, title, rules ...")
    for key in data:
        if key not in PACK_KEYS:
            raise _fail(name, data.line_of(str(key)), f"unknown pack field {key!r} "
                        + typo_hint(str(key), PACK_KEYS, f"(expected {', '.join(PACK_KEYS)})"))
    pack_id = _text(data, "id", name, "")
    _check_id(pack_id, name, data.line_of("id"), "pack id")
    pack = Pack(id=pack_id, title=_text(data, "title", name, ""),
                description=_text(data, "description", name, ""),
                source=_text(data, "source", name, ""), version=_text(data, "version", name, "", False) or "1",
                path=name)
    rules = data.get("rules")
    if not isinstance(rules, LineList) or not rules:
        raise _fail(name, data.line_of("rules"), "field 'rules': expected a non-empty list of rules")
    seen: set[str] = set()
    for i, spec in enumerate(rules):
        rule = parse_rule(spec, pack, name, rules.line_of(i), checked)
        if rule.name in seen:
            raise _fail(name, rule.line, f"rule '{rule.name}': duplicate rule id in pack '{pack.id}'")
        seen.add(rule.name)
        pack.rules.append(rule)
    return pack


def _check_id(value: str, name: str, line: int, what: str) -> None:
    if not set(value) <= ID_CHARS or not value[0].isalnum():
        raise _fail(name, line, f"{what} {value!r}: use lower-case letters, digits and hyphens")


def parse_rule(spec: Any, pack: Pack, name: str, line: int, checked: bool = False) -> Rule:
    if not isinstance(spec, LineDict):
        raise _fail(name, line, f"each rule must be a mapping, got {spec!r}"[:200])
    rule_name = _text(spec, "id", name, "rule: ")
    _check_id(rule_name, name, spec.line_of("id"), "rule id")
    ctx = f"rule '{rule_name}': "
    kind_name = _text(spec, "kind", name, ctx)
    kind_cls = KINDS.get(kind_name)
    if kind_cls is None:
        raise _fail(name, spec.line_of("kind"), f"{ctx}field 'kind': unknown kind {kind_name!r} "
                    + typo_hint(kind_name, KINDS, f"(known: {', '.join(sorted(KINDS))})"))
    known = RULE_KEYS | {f.name for f in kind_cls.fields}
    for key in spec:
        if key not in known:
            raise _fail(name, spec.line_of(str(key)), f"{ctx}unknown field {key!r} " + typo_hint(
                str(key), known, f"for kind {kind_name} (its fields: {', '.join(f.name for f in kind_cls.fields)})"))
    severity_text = _text(spec, "severity", name, ctx)
    try:
        severity = Severity.parse(severity_text)
    except ValueError:
        raise _fail(name, spec.line_of("severity"),
                    f"{ctx}field 'severity': expected one of {', '.join(SEVERITY_NAMES)}, got {severity_text!r}") from None
    try:
        kind = kind_cls(f"{pack.id}.{rule_name}", spec, spec.line_of)
    except SpecError as exc:
        raise field_error(name, spec.line, rule_name, exc) from None
    message = _text(spec, "message", name, ctx)
    if not checked:
        _check_placeholders(message, kind, name, spec.line_of("message"), ctx)
    flag, passes = _examples(spec, name, ctx)
    return Rule(
        pack=pack.id, name=rule_name, kind=kind, severity=severity, message=message,
        explanation=" ".join(_text(spec, "explanation", name, ctx).split()),
        source=_text(spec, "source", name, ctx),
        summary=_text(spec, "summary", name, ctx, required=False) or _summary(message),
        flag=flag, passes=passes,
        ignore_in=_ignore_in(spec, name, ctx), platforms=_platforms(spec, name, ctx),
        path=name, line=spec.line, group=_group(spec, name, ctx), fallback=_fallback(spec, name, ctx, pack.id),
        overrides=_ids(spec, "overrides", name, ctx), once=_flag(spec, "once", name, ctx),
    )


def field_error(name: str, line: int, rule_name: str, exc: SpecError) -> PackError:
    """A kind's complaint about a field, as `file:line: rule 'id': field 'x': problem`."""
    return _fail(name, exc.line or line, f"rule '{rule_name}': field '{exc.field}': {exc.problem}")


def _check_placeholders(message: str, kind: Kind, name: str, line: int, ctx: str) -> None:
    allowed = kind.message_placeholders()
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(message) if f is not None]
    except ValueError as exc:
        raise _fail(name, line, f"{ctx}field 'message': {exc} (write {{{{ and }}}} for literal braces)") from None
    for f in fields:
        base = f.split(".")[0].split("[")[0]
        if base not in allowed:
            raise _fail(name, line, f"{ctx}field 'message': unknown placeholder {{{f}}} "
                        + typo_hint(base, allowed, f"(this kind offers: {', '.join(sorted(allowed))})"))


def _summary(message: str) -> str:
    out = []
    for literal, f, _, _ in string.Formatter().parse(message):
        out.append(literal)
        if f is not None:
            out.append("…")
    return "".join(out)


def _examples(spec: LineDict, name: str, ctx: str) -> tuple[list[Example], list[Example]]:
    ex = spec.get("examples")
    if not isinstance(ex, LineDict):
        raise _fail(name, spec.line_of("examples"), f"{ctx}field 'examples': expected a mapping with flag and pass lists")
    out: dict[str, list[Example]] = {}
    for key in ex:
        if key not in ("flag", "pass"):
            raise _fail(name, ex.line_of(str(key)), f"{ctx}field 'examples': unknown key {key!r} "
                        + typo_hint(str(key), ("flag", "pass"), "(expected flag, pass)"))
    for key in ("flag", "pass"):
        items = ex.get(key)
        if not isinstance(items, LineList) or not items:
            raise _fail(name, ex.line_of(key), f"{ctx}field 'examples.{key}': expected a non-empty list of texts")
        parsed = []
        for i, item in enumerate(items):
            if isinstance(item, str) and item:
                parsed.append(Example(item))
            elif isinstance(item, LineDict) and isinstance(item.get("text"), str) and set(item) <= EXAMPLE_KEYS:
                parsed.append(_example(item, name, items.line_of(i), f"{ctx}field 'examples.{key}': item {i + 1}: "))
            else:
                raise _fail(name, items.line_of(i), f"{ctx}field 'examples.{key}': item {i + 1} must be text "
                                                    "or a mapping with text, platform and repeat")
        out[key] = parsed
    return out["flag"], out["pass"]


def _example(item: LineDict, name: str, line: int, ctx: str) -> Example:
    """A mapping example: `repeat` builds a long text (a platform's length limit) from a short one."""
    repeat = item.get("repeat", 1)
    if not isinstance(repeat, int) or isinstance(repeat, bool) or not 1 <= repeat <= 100_000:
        raise _fail(name, line, f"{ctx}repeat: expected a whole number from 1 to 100000, got {repeat!r}")
    platform = item.get("platform")
    if platform is not None:
        try:
            platform = canonical(str(platform))
        except ValueError as exc:
            raise _fail(name, line, f"{ctx}platform: {exc}") from None
    return Example(item["text"] * repeat, platform)


def _ignore_in(spec: LineDict, name: str, ctx: str) -> frozenset[str]:
    value = spec.get("ignore_in", list(PROTECTED_KINDS))
    if not isinstance(value, list) or any(v not in PROTECTED_KINDS for v in value):
        raise _fail(name, spec.line_of("ignore_in"),
                    f"{ctx}field 'ignore_in': expected a list drawn from {', '.join(PROTECTED_KINDS)}")
    return frozenset(value)


def _group(spec: LineDict, name: str, ctx: str) -> str | None:
    group = _text(spec, "group", name, ctx, required=False)
    if group:
        _check_id(group, name, spec.line_of("group"), f"{ctx}group")
    return group or None


def _fallback(spec: LineDict, name: str, ctx: str, pack: str) -> tuple[str, ...]:
    """The selectors a fallback rule yields to: its own pack's rules for `true` ("conduct.",
    not a pack "conduct-local" too), or those listed."""
    value = spec.get("fallback", False)
    if isinstance(value, bool):
        return (f"{pack}.",) if value else ()
    return _ids(spec, "fallback", name, ctx, "true, false or ")


def _ids(spec: LineDict, key: str, name: str, ctx: str, also: str = "") -> tuple[str, ...]:
    """A field's list of rule or pack ids (prefixes, as for `select`); none when it is absent."""
    value = spec.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(name, spec.line_of(key), f"{ctx}field '{key}': expected {also}a list of rule or pack ids")
    return tuple(v.strip() for v in value)


def _flag(spec: LineDict, key: str, name: str, ctx: str) -> bool:
    value = spec.get(key, False)
    if not isinstance(value, bool):
        raise _fail(name, spec.line_of(key), f"{ctx}field '{key}': expected true or false")
    return value


def _platforms(spec: LineDict, name: str, ctx: str) -> frozenset[str] | None:
    if "platforms" not in spec:
        return None
    value = spec["platforms"]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise _fail(name, spec.line_of("platforms"), f"{ctx}field 'platforms': expected a list of platform names")
    try:
        return frozenset(canonical(v) for v in value)
    except ValueError as exc:
        raise _fail(name, spec.line_of("platforms"), f"{ctx}field 'platforms': {exc}") from None


def all_rules(packs: Iterable[Pack]) -> list[Rule]:
    return [r for p in packs for r in p.rules]


def matches_selector(rule_id: str, selector: str) -> bool:
    """A selector names a pack or a rule by prefix: `all-caps`, `all-caps.words`."""
    return rule_id.startswith(selector)


def no_match(selector: str, rule_ids: Iterable[str]) -> str:
    """The error for a selector that names no rule, with the id it is likely a typo of."""
    ids = set(rule_ids)
    ids |= {i.split(".")[0] for i in ids}
    return f"no pack or rule matches {selector!r} " + typo_hint(selector, sorted(ids), "(see `postlint rules`)")


def select_rules(rules: Iterable[Rule], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    select, ignore = list(select), list(ignore)
    out = []
    for rule in rules:
        if select and not any(matches_selector(rule.id, s) for s in select):
            continue
        if any(matches_selector(rule.id, s) for s in ignore):
            continue
        out.append(rule)
    return out


def unknown_selectors(rules: Iterable[Rule], selectors: Iterable[str]) -> list[str]:
    """Selectors that name no rule: almost always a typo worth an error."""
    ids = [r.id for r in rules]
    return [s for s in selectors if not any(matches_selector(i, s) for i in ids)]
