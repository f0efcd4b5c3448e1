"""The organisation's own names, read from its profile (data, not code):
`organisation-name` flags unofficial variants with the official form as the
fix (the profile's `variants`, literal forms, and `variant_patterns`, regular
expressions for the many ways a name can be shortened or a handle misspelt); `outdated-name` flags names of bodies that no longer exist (the pack's
patterns, such as CCG, plus the profile's former names)."""

from __future__ import annotations

from typing import Any, Callable, Iterator

import regex

from ..lazyregex import LazyRegex
from ..model import Hit
from .base import Field, Kind
from .pattern import Pattern, finditer, may_match, prefilter, settled_by_index
from .vocabulary import literal_regex, name_key, profile_handles, profile_names


class OrganisationName(Kind):
    name = "organisation-name"
    summary = ("flags unofficial forms of the organisation's name or handle (profile `variants` and "
               "`variant_patterns`); fixable")
    placeholders = frozenset({"match", "suggestion"})

    def prepare(self, compiler: Any) -> None:
        profile = compiler.profile
        variants = {v: o for v, o in (profile.get("variants") or {}).items()
                    if isinstance(v, str) and isinstance(o, str)}
        self.official = {name_key(v): o for v, o in variants.items()}
        self.variants = literal_regex(variants)
        self.variants_gate = prefilter(self.variants) if self.variants else None
        # Regular expressions (any case) for unofficial forms, each with its official form.
        self.patterns = [(LazyRegex(p, regex.IGNORECASE), o)
                         for p, o in (profile.get("variant_patterns") or {}).items()
                         if isinstance(p, str) and isinstance(o, str)]
        self.pattern_gates = [prefilter(p) for p, _ in self.patterns]
        # An official name may contain a variant ("... Stoke-on-Trent ICB"): matches inside one are fine.
        self.names = literal_regex([*profile_names(profile), *profile_handles(profile)])
        # the variants' and the patterns' prefilters, looked up in the run's index like a pattern rule's
        self.gates = [*([self.variants_gate] if self.variants_gate is not None else []), *self.pattern_gates]
        self.ids = [compiler.prefilters.add(g) for g in self.gates]
        self.settled = [settled_by_index(g) for g in self.gates]

    def gate(self) -> list[int] | None:
        return self.ids

    def check(self, ctx: Any) -> Iterator[Hit]:
        text = ctx.text
        found: list[tuple[int, int, Any, str]] = []
        possible = may_match(ctx, self.ids, self.gates, self.settled)
        if self.variants_gate is not None and possible.pop(0):
            found += [(m.start(), 0, m, self.official.get(name_key(m.group()), ""))
                      for m in finditer(self.variants, text)]
        for (pattern, official), may in zip(self.patterns, possible):
            if may:
                found += [(m.start(), 1, m, official) for m in finditer(pattern, text)]
        if not found:
            return
        found.sort(key=lambda f: (f[0], f[1], -f[2].end()))
        official = [m.span() for m in finditer(self.names, text)] if self.names else []
        taken: list[tuple[int, int]] = []
        # A literal variant comes first; a pattern's match that overlaps one is the same finding.
        for _, _, m, suggestion in found:
            start, end = m.span()
            if start == end or any(s <= start and end <= e for s, e in official):
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            if suggestion and name_key(suggestion) != name_key(m.group()):
                taken.append((start, end))
                yield Hit(start, end, {"match": m.group(), "suggestion": suggestion},
                          suggestions=(suggestion,), fixable=True)


class OutdatedName(Pattern):
    name = "outdated-name"
    summary = "flags names of bodies that no longer exist: the rule's patterns plus the profile's former_names"
    fields = Pattern.fields + (
        Field("suggestion", (str,), default="", doc="what to say instead of a pattern match"),
        Field("former_names", (bool,), default=False,
              doc="also flag the organisation profile's former_names, suggesting its current name"),
    )
    placeholders = frozenset({"match", "suggestion"})

    def setup(self, line_of: Callable[[str], int]) -> None:
        super().setup(line_of)
        self.former = None
        self.former_gate = None
        self.current = ""
        self.handle = ""

    def prepare(self, compiler: Any) -> None:
        super().prepare(compiler)
        profile = compiler.profile
        if self.params["former_names"]:
            self.former = literal_regex(n for n in profile.get("former_names") or [] if isinstance(n, str))
            self.former_gate = prefilter(self.former) if self.former else None
        if self.former_gate is not None:
            self.former_id = compiler.prefilters.add(self.former_gate)
            self.former_settled = settled_by_index(self.former_gate)
        self.current = profile.get("short_name") or profile.get("name") or ""
        handles = profile_handles(profile)
        self.handle = handles[0] if handles else ""

    def gate(self) -> list[int] | None:
        """The patterns' ids and the profile's former names' (a regular expression without
        requirements, should the names have none, is always possible)."""
        ids = super().gate()
        return ids if self.former_gate is None or ids is None else [*ids, self.former_id]

    def check(self, ctx: Any) -> Iterator[Hit]:
        text = ctx.text
        taken: list[tuple[int, int]] = []
        former = self.former is not None and (
            self.former_gate is None
            or may_match(ctx, [self.former_id], [self.former_gate], [self.former_settled])[0])
        for m in finditer(self.former, text) if former else []:
            start, end = m.span()
            if not self.excused(text, start, end, ctx):
                taken.append((start, end))
                yield Hit(start, end, {"match": m.group(), "suggestion": self.current},
                          suggestions=(self.current,) if self.current else ())
        for hit in super().check(ctx):
            if any(s < hit.end and hit.start < e for s, e in taken):
                continue
            advice = self.handle if hit.values["match"].startswith("@") and self.handle else self.params["suggestion"]
            yield Hit(hit.start, hit.end, {**hit.values, "suggestion": advice},
                      suggestions=(advice,) if advice else ())

