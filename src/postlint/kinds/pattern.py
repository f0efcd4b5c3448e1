"""Regular expressions on the raw post text, for what tokens cannot express:
markings with punctuation, numbers, dates. A match can be cancelled by a
pattern nearby (`unless`) or made to need one (`near`: a name counts as
patient detail only beside a ward, an age or a diagnosis). Uses the `regex`
module for its timeout, so a pack's runaway pattern cannot hang a commit hook."""

from __future__ import annotations

import bisect
from typing import Any, Callable, Iterator

import regex

from ..lazyregex import LazyRegex
from ..model import Hit
from ..prefilter import Prefilter, digits_needed, fold_post, requirements
from .base import Field, Kind, SpecError, positive, without_overlaps

# Seconds one pattern may spend on one post before it is abandoned: TIMEOUT, and one more
# for every CHARS_PER_SECOND characters searched, so a long post is not cut short.
TIMEOUT = 1.0
CHARS_PER_SECOND = 100_000


def time_limit(length: int) -> float:
    """Seconds a pattern may spend searching `length` characters."""
    return TIMEOUT + length / CHARS_PER_SECOND


class PatternTimeout(RuntimeError):
    """A rule's pattern ran past TIMEOUT on a post."""


def _patterns(value: Any) -> str | None:
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(p, str) and p for p in items):
        return "expected a regular expression or a list of them"
    return None


def compile_patterns(field: str, value: Any, ignore_case: bool, line: int | None) -> list[LazyRegex]:
    """Compile one or more patterns, naming the broken one and why."""
    flags = regex.VERSION1 | regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0)
    out = []
    for p in value if isinstance(value, list) else [value]:
        try:
            out.append(LazyRegex.now(p, flags))
        except regex.error as exc:
            raise SpecError(field, f"invalid regular expression {p!r}: {exc}", line) from None
    return out


def search_around(patterns: list[LazyRegex], text: str, start: int, end: int, window: int) -> bool:
    """Whether any pattern is found within `window` characters either side of [start, end)."""
    lo, hi = max(0, start - window), min(len(text), end + window)
    try:
        return any(p.search(text, lo, hi, timeout=time_limit(hi - lo)) for p in patterns)
    except TimeoutError:
        raise PatternTimeout() from None


def sentence_around(ctx: Any, start: int, end: int) -> tuple[int, int]:
    """The span from the start of the sentence holding `start` to the end of the one holding
    `end` (the whole text when the post has no sentences there)."""
    spans = ctx.sentences
    i = bisect.bisect_right(spans, (start, len(ctx.text) + 1)) - 1
    j = bisect.bisect_left(spans, (end, -1)) - 1
    lo = spans[i][0] if i >= 0 else 0
    hi = spans[j][1] if 0 <= j < len(spans) and spans[j][1] >= end else len(ctx.text)
    return min(lo, start), max(hi, end)


def prefilter(pattern: LazyRegex) -> Prefilter:
    """The text a match of `pattern` must contain, so posts without it skip the regex engine."""
    flags = pattern.flags
    args = (pattern.pattern, bool(flags & regex.IGNORECASE), bool(flags & regex.VERBOSE),
            not flags & (regex.ASCII | regex.WORD | regex.LOCALE))
    return Prefilter(requirements(*args), digits_needed(*args))


def settled_by_index(gate: Prefilter) -> bool:
    """Whether the run's prefilter index answers for `gate` in full: the index looks for every
    group, folded, so when nothing is compared case for case and no digits are counted, a post
    the index allows need not be searched for the strings again."""
    return not gate.digits and not any(exact for g in gate.groups for exact, _ in g)


def may_match(ctx: Any, ids: list[int] | None, gates: list[Prefilter], settled: list[bool]) -> list[bool]:
    """Which of a rule's patterns may match the post: by the run's shared index when the rule
    is prepared (`ids`), then each pattern's own prefilter where the index has not settled it."""
    text, lowered = ctx.text, folded(ctx)
    if ids is None:
        return [gate.may_match(text, lowered) for gate in gates]
    possible = ctx.possible_patterns
    return [i in possible and (done or gate.confirms(text, lowered)) for i, gate, done in zip(ids, gates, settled)]


def folded(ctx: Any) -> str | None:
    """The post's text as prefilters compare it; a PostContext computes it once for all rules."""
    return ctx.folded if hasattr(ctx, "folded") else fold_post(ctx.text)


def finditer(pattern: LazyRegex, text: str) -> list[Any]:
    """All matches of one pattern, or PatternTimeout if it runs past its time limit."""
    try:
        return list(pattern.finditer(text, timeout=time_limit(len(text))))
    except TimeoutError:
        raise PatternTimeout() from None


class Pattern(Kind):
    name = "pattern"
    summary = "flags text matching a regular expression, when required context is near and no exception is"
    fields = (
        Field("pattern", (str, list), required=True, check=_patterns,
              doc="regular expression(s); named groups become message placeholders"),
        Field("ignore_case", (bool,), default=True),
        Field("unless", (str, list), check=_patterns,
              doc="skip a match when any of these patterns is found within `window` characters of it"),
        Field("window", (int,), default=60, check=positive,
              doc="characters either side of a match searched by `unless`"),
        Field("unless_in_post", (str, list), check=_patterns,
              doc="skip a match when any of these patterns is anywhere in the post (a story the "
                  "person 'gave their consent' to share)"),
        Field("unless_in_sentence", (str, list), check=_patterns,
              doc="skip a match when any of these patterns is within `window` characters of it and in "
                  "its own sentence ('Sorry, Mrs Khan. The consultant will call' is not the consultant "
                  "Mrs Khan)"),
        Field("near", (str, list), check=_patterns,
              doc="count a match only when one of these patterns is found within `near_window` characters of it"),
        Field("near_window", (int,), check=positive,
              doc="characters either side of a match searched by `near` (default: `window`)"),
    )

    def setup(self, line_of: Callable[[str], int]) -> None:
        self.patterns = compile_patterns("pattern", self.params["pattern"], self.params["ignore_case"],
                                         line_of("pattern"))
        self.unless = self._optional("unless", line_of)
        self.unless_in_sentence = self._optional("unless_in_sentence", line_of)
        self.unless_in_post = self._optional("unless_in_post", line_of)
        self.near = self._optional("near", line_of)
        self.prefilters = [prefilter(p) for p in self.patterns]
        self.pattern_ids: list[int] | None = None  # set by prepare, with the run's shared prefilter index
        self.settled: list[bool] = []  # set by prepare: which prefilters the index answers in full

    def prepare(self, compiler: Any) -> None:
        self.pattern_ids = [compiler.prefilters.add(p) for p in self.prefilters]
        self.settled = [settled_by_index(p) for p in self.prefilters]
        self._place = {i: k for k, i in enumerate(self.pattern_ids)}  # id -> which pattern

    def gate(self) -> list[int] | None:
        return self.pattern_ids

    def _optional(self, field: str, line_of: Callable[[str], int]) -> list[LazyRegex]:
        value = self.params[field]
        return compile_patterns(field, value, self.params["ignore_case"], line_of(field)) if value else []

    @property
    def groups(self) -> frozenset[str]:
        """Named groups of the patterns (compiling them): placeholders a message may use."""
        return frozenset(name for p in self.patterns for name in p.groupindex)

    def message_placeholders(self) -> frozenset[str]:
        return self.placeholders | self.groups

    def excused(self, text: str, start: int, end: int, ctx: Any = None) -> bool:
        """Whether an `unless` pattern is within `window` characters of text[start:end], an
        `unless_in_sentence` one is and in its sentence (the post's when there is no `ctx`),
        or an `unless_in_post` one is anywhere in the post."""
        window = self.params["window"]
        if self.unless and search_around(self.unless, text, start, end, window):
            return True
        if self.unless_in_post and self._excused_by_post(text, ctx):
            return True
        if not self.unless_in_sentence:
            return False
        lo, hi = sentence_around(ctx, start, end) if ctx is not None else (0, len(text))
        return search_around(self.unless_in_sentence, text, max(lo, start - window), min(hi, end + window), 0)

    def _excused_by_post(self, text: str, ctx: Any) -> bool:
        """Whether an `unless_in_post` pattern is in the post: searched once a post (kept in
        the context), however many of its matches ask."""
        memo = ctx.extra if ctx is not None else {}
        key = ("unless_in_post", self.key)
        if key not in memo:
            memo[key] = search_around(self.unless_in_post, text, 0, len(text), 0)
        return memo[key]

    def in_context(self, text: str, start: int, end: int) -> bool:
        """Whether a `near` pattern, when the rule has any, is within `near_window` characters."""
        window = self.params["near_window"] or self.params["window"]
        return not self.near or search_around(self.near, text, start, end, window)

    def check(self, ctx: Any) -> list[Hit]:
        """Accepted candidates, one per place: overlapping matches of several patterns are merged."""
        return without_overlaps([hit for hit in self.candidates(ctx) if self.accept(hit)])

    def accept(self, hit: Hit) -> bool:
        """Whether a candidate counts; subclasses confirm it (a check digit, for example)."""
        return True

    def _possible(self, ctx: Any) -> list[int]:
        """The positions of the patterns that may match the post, in order: as `may_match`
        finds them, but from the few of the rule's ids the run's index allows (a rule has
        up to dozens of patterns, and most posts allow one or two)."""
        if self.pattern_ids is None:
            return [k for k, may in enumerate(may_match(ctx, None, self.prefilters, [])) if may]
        allowed = ctx.possible_patterns.intersection(self._place)
        if not allowed:
            return []
        text, lowered = ctx.text, folded(ctx)
        places = sorted(map(self._place.__getitem__, allowed))
        return [k for k in places if self.settled[k] or self.prefilters[k].confirms(text, lowered)]

    def candidates(self, ctx: Any) -> Iterator[Hit]:
        text = ctx.text
        for place in self._possible(ctx):
            for m in finditer(self.patterns[place], text):
                start, end = m.span()
                if start == end or not self.in_context(text, start, end) or self.excused(text, start, end, ctx):
                    continue
                values = {"match": m.group()}
                values.update({k: v or "" for k, v in m.groupdict().items()})
                yield Hit(start, end, values)
