"""What every rule kind shares: declared fields (validated at load, without
spaCy) and the two-step life of a rule: `prepare` once per run, `check` per post."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Mapping

from ..model import Hit

if TYPE_CHECKING:
    from ..context import PostContext
    from ..matching import Compiler


class SpecError(ValueError):
    """A field of a rule is wrong; the pack loader adds file and rule id."""

    def __init__(self, field: str, problem: str, line: int | None = None) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem
        self.line = line


def _type_name(types: tuple[type, ...]) -> str:
    names = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
             list: "a list", dict: "a mapping"}
    return " or ".join(names.get(t, t.__name__) for t in types)


@dataclass(frozen=True)
class Field:
    """One kind-specific key of a rule: its type, whether it is required, and a check."""

    name: str
    types: tuple[type, ...]
    required: bool = False
    default: Any = None
    check: Callable[[Any], str | None] | None = None
    doc: str = ""

    def read(self, spec: Mapping[str, Any], line_of: Callable[[str], int]) -> Any:
        if self.name not in spec:
            if self.required:
                raise SpecError(self.name, "is required", None)
            return self.default
        value = spec[self.name]
        ok = isinstance(value, self.types) and not (isinstance(value, bool) and bool not in self.types)
        if float in self.types and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            raise SpecError(self.name, f"expected {_type_name(self.types)}, got {type(value).__name__} {value!r}"[:200],
                            line_of(self.name))
        if self.check is not None:
            problem = self.check(value)
            if problem:
                raise SpecError(self.name, problem, line_of(self.name))
        return value


def optional_str_list(value: Any) -> str | None:
    """Field check for an optional list: nothing, or what `str_list` accepts."""
    return str_list(value) if value else None


def str_list(value: Any) -> str | None:
    """Field check: a non-empty list of non-empty strings, without duplicates,
    none expanding ("word(s)") to an unreasonable number of forms."""
    from .phrases import expand

    if not value:
        return "must not be empty"
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, str) or not item.strip():
            return f"expected a list of non-empty text, found {item!r}"
        if item.lower() in seen:
            return f"{item!r} is listed twice"
        seen.add(item.lower())
        try:
            expand(item)
        except ValueError as exc:
            return f"{item[:80]!r} {exc}"
    return None


def stripped_span(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) of `text` without white space at either end: an empty span (start ==
    end) when it is all white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def without_overlaps(hits: list[Hit]) -> list[Hit]:
    """Entries or patterns of one rule can overlap ("primary care" in "primary care
    network"): keep the leftmost, longest hit, so one rule reports a place once."""
    hits.sort(key=lambda h: (h.start, -h.end))
    out: list[Hit] = []
    for h in hits:
        if not out or h.start >= out[-1].end:
            out.append(h)
    return out


def one_of(choices: Iterable[str]) -> Callable[[Any], str | None]:
    """Field check: the value is one of `choices`."""
    allowed = tuple(choices)

    def check(value: Any) -> str | None:
        return None if value in allowed else f"expected one of {', '.join(allowed)}, got {value!r}"
    return check


def is_number(value: Any) -> bool:
    """An int or a float, not a bool (YAML's true is an int to Python)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def positive(value: Any) -> str | None:
    return None if value > 0 else f"must be greater than 0, got {value}"


def ratio(value: Any) -> str | None:
    return None if 0 < value <= 1 else f"must be between 0 and 1, got {value}"


class Kind:
    """Base class of a rule kind.

    Subclasses declare `name`, `fields` and `placeholders` (the names a
    message may use), read their fields in `__init__` (pure Python, no spaCy,
    so `postlint rules` stays fast) and build matchers in `prepare`.
    """

    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    fields: ClassVar[tuple[Field, ...]] = ()
    placeholders: ClassVar[frozenset[str]] = frozenset({"match"})
    # Whether a finding judges the whole post (a model's score), whatever span it points
    # at: such a rule, as a fallback, yields to the rules it names anywhere in the post.
    judges_post: ClassVar[bool] = False

    def __init__(self, rule_key: str, spec: Mapping[str, Any], line_of: Callable[[str], int]) -> None:
        self.key = rule_key
        self.params: dict[str, Any] = {f.name: f.read(spec, line_of) for f in self.fields}
        self.setup(line_of)

    def setup(self, line_of: Callable[[str], int]) -> None:
        """Derive and validate whatever the fields imply (still no spaCy)."""

    def message_placeholders(self) -> frozenset[str]:
        return self.placeholders

    def prepare(self, compiler: "Compiler") -> None:
        """Register matchers with the run's shared compiler."""

    def gate(self) -> list[int] | None:
        """Ids in the run's prefilter index of which at least one must be possible for the
        rule to find anything in a post (after `prepare`), so the linter can skip the rule
        without calling it; None when the rule must always run."""
        return None

    def check(self, ctx: "PostContext") -> Iterable[Hit]:
        raise NotImplementedError
