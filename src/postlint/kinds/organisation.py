"""The organisation's own names, read from its profile (data, not code):
`organisation-name` flags unofficial variants with the official form as the
fix; `outdated-name` flags names of bodies that no longer exist (the pack's
patterns, such as CCG, plus the profile's former names)."""

from __future__ import annotations

from typing import Any, Callable, Iterator

from ..model import Hit
from .base import Field, Kind
from .pattern import Pattern, finditer, folded, prefilter
from .vocabulary import literal_regex, name_key, profile_handles, profile_names


class OrganisationName(Kind):
    name = "organisation-name"
    summary = "flags unofficial forms of the organisation's name or handle (profile `variants`); fixable"
    placeholders = frozenset({"match", "suggestion"})

    def prepare(self, compiler: Any) -> None:
        profile = compiler.profile
        variants = {v: o for v, o in (profile.get("variants") or {}).items()
                    if isinstance(v, str) and isinstance(o, str)}
        self.official = {name_key(v): o for v, o in variants.items()}
        self.variants = literal_regex(variants)
        self.variants_gate = prefilter(self.variants) if self.variants else None
        # An official name may contain a variant ("... Stoke-on-Trent ICB"): matches inside one are fine.
        self.names = literal_regex([*profile_names(profile), *profile_handles(profile)])

    def check(self, ctx: Any) -> Iterator[Hit]:
        text = ctx.text
        if self.variants is None or not self.variants_gate.may_match(text, folded(ctx)):
            return
        matches = finditer(self.variants, text)
        if not matches:
            return
        official = [m.span() for m in finditer(self.names, text)] if self.names else []
        for m in matches:
            start, end = m.span()
            if any(s <= start and end <= e for s, e in official):
                continue
            suggestion = self.official.get(name_key(m.group()), "")
            if suggestion and suggestion != m.group():
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
        self.current = profile.get("short_name") or profile.get("name") or ""
        handles = profile_handles(profile)
        self.handle = handles[0] if handles else ""

    def gate(self) -> list[int] | None:
        """The profile's former names are looked for apart from the index."""
        return None if self.former is not None else super().gate()

    def check(self, ctx: Any) -> Iterator[Hit]:
        text = ctx.text
        taken: list[tuple[int, int]] = []
        former = self.former is not None and self.former_gate.may_match(text, folded(ctx))
        for m in finditer(self.former, text) if former else []:
            start, end = m.span()
            if not self.excused(text, start, end):
                taken.append((start, end))
                yield Hit(start, end, {"match": m.group(), "suggestion": self.current},
                          suggestions=(self.current,) if self.current else ())
        for hit in super().check(ctx):
            if any(s < hit.end and hit.start < e for s, e in taken):
                continue
            advice = self.handle if hit.values["match"].startswith("@") and self.handle else self.params["suggestion"]
            yield Hit(hit.start, hit.end, {**hit.values, "suggestion": advice},
                      suggestions=(advice,) if advice else ())

