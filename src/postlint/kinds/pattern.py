"""Regular expressions on the raw post text, for what tokens cannot express:
markings with punctuation, numbers, dates. Uses the `regex` module for its
timeout, so a pack's runaway pattern cannot hang a commit hook."""

from __future__ import annotations

from typing import Any, Callable, Iterator

import regex

from ..model import Hit
from .base import Field, Kind, SpecError, positive

# Seconds one pattern may spend on one post before it is abandoned.
TIMEOUT = 1.0


class PatternTimeout(RuntimeError):
    """A rule's pattern ran past TIMEOUT on a post."""


def _patterns(value: Any) -> str | None:
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(p, str) and p for p in items):
        return "expected a regular expression or a list of them"
    return None


def compile_patterns(field: str, value: Any, ignore_case: bool, line: int | None) -> list[regex.Pattern]:
    """Compile one or more patterns, naming the broken one and why."""
    flags = regex.VERSION1 | regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0)
    out = []
    for p in value if isinstance(value, list) else [value]:
        try:
            out.append(regex.compile(p, flags))
        except regex.error as exc:
            raise SpecError(field, f"invalid regular expression {p!r}: {exc}", line) from None
    return out


def search_any(patterns: list[regex.Pattern], text: str, pos: int = 0, endpos: int | None = None) -> bool:
    end = len(text) if endpos is None else endpos
    try:
        return any(p.search(text, pos, end, timeout=TIMEOUT) for p in patterns)
    except TimeoutError:
        raise PatternTimeout() from None


def finditer(pattern: regex.Pattern, text: str) -> list[Any]:
    """All matches of one pattern, or PatternTimeout if it runs past TIMEOUT."""
    try:
        return list(pattern.finditer(text, timeout=TIMEOUT))
    except TimeoutError:
        raise PatternTimeout() from None


class Pattern(Kind):
    name = "pattern"
    summary = "flags text matching a regular expression, unless an exception pattern is near"
    fields = (
        Field("pattern", (str, list), required=True, check=_patterns,
              doc="regular expression(s); named groups become message placeholders"),
        Field("ignore_case", (bool,), default=True),
        Field("unless", (str, list), check=_patterns,
              doc="skip a match when any of these patterns is found within `window` characters of it"),
        Field("window", (int,), default=60, check=positive,
              doc="characters either side of a match searched by `unless`"),
    )

    def setup(self, line_of: Callable[[str], int]) -> None:
        self.patterns = compile_patterns("pattern", self.params["pattern"], self.params["ignore_case"],
                                         line_of("pattern"))
        unless = self.params["unless"]
        self.unless = compile_patterns("unless", unless, self.params["ignore_case"], line_of("unless")) if unless else []
        self.groups = frozenset(name for p in self.patterns for name in p.groupindex)

    def message_placeholders(self) -> frozenset[str]:
        return self.placeholders | self.groups

    def excused(self, text: str, start: int, end: int) -> bool:
        """Whether an `unless` pattern is within `window` characters of text[start:end]."""
        window = self.params["window"]
        return bool(self.unless) and search_any(self.unless, text, max(0, start - window), min(len(text), end + window))

    def check(self, ctx: Any) -> Iterator[Hit]:
        text = ctx.text
        for pattern in self.patterns:
            for m in finditer(pattern, text):
                start, end = m.span()
                if start == end or self.excused(text, start, end):
                    continue
                values = {"match": m.group()}
                values.update({k: v or "" for k, v in m.groupdict().items()})
                yield Hit(start, end, values)
