"""Posts recognised by what they do rather than by a fixed wording: a rule
lists cues, each a vocabulary of regular expressions ("I", "me", "my"; "sick",
"poorly", "the flu"; "today", "my shift"), and a sentence (or the whole post)
that has every cue is flagged. Reporting sick is someone speaking of
themselves, an illness or absence and work or a day, in any order and any
words, so a few broad vocabularies catch the phrasings a list of wordings
misses. `unless` patterns in the same sentence or post cancel it (advice to
the public, thanks)."""

from __future__ import annotations

import keyword
from typing import Any, Callable, Iterator

from ..model import Hit
from .base import Field, Kind, one_of
from .pattern import _patterns, compile_patterns, finditer, may_match, prefilter, search_around, settled_by_index

SCOPES = ("sentence", "post")


def cue_name_problem(name: Any, reserved: tuple[str, ...]) -> str | None:
    """What is wrong with a cue's name (it becomes a message placeholder), if anything."""
    if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name) or name in reserved:
        return f"cue name {name!r} must be a plain word (letters, digits, _), not {' or '.join(map(repr, reserved))}"
    return None


def _cues(value: Any) -> str | None:
    if not value:
        return "must list at least one cue"
    for name, patterns in value.items():
        problem = cue_name_problem(name, ("match",))
        if problem:
            return problem
        problem = _patterns(patterns)
        if problem:
            return f"cue {name!r}: {problem}"
    return None



class CueRule(Kind):
    """What the cues and evidence kinds share: named cues, each a list of patterns (set by
    a subclass's `setup` in `self.cues`, which then calls `_cues_set`), looked up in the
    run's prefilter index cue by cue, and `unless` patterns that cancel a place."""

    cues: dict[str, list[Any]]
    in_links: dict[str, bool] = {}  # cues that also count inside links, handles and hashtags (evidence)

    def _cues_set(self, line_of: Callable[[str], int]) -> None:
        """The cues' prefilters and the rule's `unless` patterns, once `self.cues` is set."""
        self.prefilters = {name: [prefilter(p) for p in self.cues[name]] for name in self.cues}
        unless = self.params["unless"]
        self.unless = compile_patterns("unless", unless, self.params["ignore_case"], line_of("unless")) if unless else []
        self.cue_ids: dict[str, list[int]] | None = None  # set by prepare, in the run's prefilter index
        self.id_sets: dict[str, frozenset[int]] = {}  # the same, as sets
        self.settled: dict[str, list[bool]] = {}  # set by prepare (see pattern.settled_by_index)

    def message_placeholders(self) -> frozenset[str]:
        return self.placeholders | frozenset(self.cues)

    def prepare(self, compiler: Any) -> None:
        self.cue_ids = {name: [compiler.prefilters.add(p) for p in gates] for name, gates in self.prefilters.items()}
        self.id_sets = {name: frozenset(ids) for name, ids in self.cue_ids.items()}
        self.settled = {name: [settled_by_index(g) for g in gates] for name, gates in self.prefilters.items()}

    def _possible(self, ctx: Any, name: str) -> list[bool]:
        ids = self.cue_ids[name] if self.cue_ids is not None else None
        return may_match(ctx, ids, self.prefilters[name], self.settled.get(name, []))

    def _excused(self, text: str, start: int, end: int) -> bool:
        return bool(self.unless) and search_around(self.unless, text, start, end, 0)

    def _found(self, ctx: Any, name: str, possible: list[bool]) -> list[tuple[int, int, str]]:
        return found_in_prose(ctx, self.cues[name], possible, anywhere=self.in_links.get(name, False))


class Cues(CueRule):
    name = "cues"
    summary = "flags a sentence (or post) that has a match for every one of several cues, in any order"
    fields = (
        Field("cues", (dict,), required=True, check=_cues,
              doc="cue name -> regular expression(s); the name is a message placeholder for what it matched"),
        Field("scope", (str,), default="sentence", check=one_of(SCOPES),
              doc="where every cue must be found: `sentence` (a line break also ends one) or `post`"),
        Field("ignore_case", (bool,), default=True),
        Field("unless", (str, list), check=_patterns,
              doc="skip the sentence or post when any of these patterns is found in it"),
    )

    def setup(self, line_of: Callable[[str], int]) -> None:
        case = self.params["ignore_case"]
        line = line_of("cues")
        self.cues = {name: compile_patterns(f"cues.{name}", value, case, line)
                     for name, value in self.params["cues"].items()}
        self._cues_set(line_of)

    def gate(self) -> list[int] | None:
        """Every cue must be possible; the index is asked about the first cue whose every
        pattern has a requirement (a cue such as `\\bI\\b` narrows nothing down)."""
        if self.cue_ids is None:
            return None
        for name, ids in self.cue_ids.items():
            if all(p.groups for p in self.prefilters[name]):
                return ids
        return None

    def check(self, ctx: Any) -> Iterator[Hit]:
        if self.cue_ids is not None:
            # a cue none of whose patterns the index allows rules the post out, before
            # any pattern's strings are searched for
            allowed = ctx.possible_patterns
            if any(allowed.isdisjoint(ids) for ids in self.id_sets.values()):
                return
        possible = {name: self._possible(ctx, name) for name in self.cues}
        if not all(any(p) for p in possible.values()):
            return
        found: dict[str, list[tuple[int, int, str]]] = {}
        for name in self.cues:
            found[name] = self._found(ctx, name, possible[name])
            if not found[name]:
                return
        text = ctx.text
        scopes = ctx.sentences if self.params["scope"] == "sentence" else _whole(text)
        for start, end in scopes:
            values = {}
            for name, matches in found.items():
                inside = next((m for m in matches if start <= m[0] and m[1] <= end), None)
                if inside is None:
                    break
                values[name] = inside[2]
            else:
                if not self._excused(text, start, end):
                    values["match"] = text[start:end]
                    yield Hit(start, end, values)


def found_in_prose(ctx: Any, patterns: list[Any], possible: list[bool],
                   anywhere: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, text) of the matches of those `patterns` that are `possible`, in prose:
    not wholly inside a link, handle or hashtag (`anywhere`: wherever they are)."""
    out = []
    for pattern, may in zip(patterns, possible):
        if may:
            for m in finditer(pattern, ctx.text):
                start, end = m.span()
                if start < end and (anywhere or not (ctx.protected and ctx.enclosing_kind(start, end))):
                    out.append((start, end, m.group()))
    return sorted(out)


def _whole(text: str) -> list[tuple[int, int]]:
    """The post, trimmed, as one scope (none for an empty post)."""
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    return [(start, end)] if start < end else []

