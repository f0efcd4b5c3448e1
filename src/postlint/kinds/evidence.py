"""Posts recognised by evidence that adds up, rather than by cues that must all be
there: a rule lists named cue vocabularies (regular expressions, as for the cues
kind), each with a weight, and a sentence (or the whole post) is flagged when the
weights of the cues it has add up to the rule's `threshold`. A grievance may name
no workplace word ("so done with this, why do I even bother 🙄"): first-person
voice, frustration and an eye-roll are each weak evidence, together strong.
Counter-evidence has a negative weight ("if you", "our services", "call NHS 111").

A cue's `scope` says where it counts: `sentence` cues only in the sentence being
judged, `post` cues anywhere in the post (the writer's voice, a colleague's handle).
Cues are looked for in prose, not inside links, handles and hashtags, unless a cue
says `links: true` (a link is itself evidence: of a shared article, not a rant).
A sentence is flagged only when at least one positive cue that counted is in it,
so a post's other sentences are not flagged by post-wide evidence alone, and when
the rule `requires` cues, one of them must count (conduct: something about work,
since frustration alone is everyone's chatter). The
message placeholder `{evidence}` lists the cues that counted, with what matched,
so the reader sees why; each cue name is a placeholder for its match too."""

from __future__ import annotations

from typing import Any, Callable, Iterator

from ..errors import typo_hint
from ..model import Hit
from ..prefilter import BOUNDARY_MARK
from .base import Field, SpecError, is_number, one_of
from .cues import SCOPES, CueRule, _whole, cue_name_problem
from .pattern import _patterns, compile_patterns

CUE_KEYS = {"patterns", "weight", "scope", "label", "links"}


def _cues(value: Any) -> str | None:
    if not value:
        return "must list at least one cue"
    positive = False
    for name, cue in value.items():
        problem = cue_name_problem(name, ("match", "evidence"))
        if problem:
            return problem
        if not isinstance(cue, dict):
            return f"cue {name!r}: expected a mapping with patterns and weight, got {type(cue).__name__}"
        unknown = sorted(set(cue) - CUE_KEYS)
        if unknown:
            return f"cue {name!r}: unknown key {unknown[0]!r} " + typo_hint(
                str(unknown[0]), CUE_KEYS, f"(expected {', '.join(sorted(CUE_KEYS))})")
        if "patterns" not in cue:
            return f"cue {name!r}: 'patterns' is required"
        problem = _patterns(cue["patterns"])
        if problem:
            return f"cue {name!r}: patterns: {problem}"
        if "weight" not in cue:
            return f"cue {name!r}: 'weight' is required"
        if not is_number(cue["weight"]) or cue["weight"] == 0:
            return f"cue {name!r}: weight: expected a number other than 0, got {cue['weight']!r}"
        positive = positive or cue["weight"] > 0
        if cue.get("scope", "sentence") not in SCOPES:
            return f"cue {name!r}: scope: expected one of {', '.join(SCOPES)}, got {cue['scope']!r}"
        if "links" in cue and not isinstance(cue["links"], bool):
            return f"cue {name!r}: links: expected true or false, got {cue['links']!r}"
        if "label" in cue and not (isinstance(cue["label"], str) and cue["label"].strip()):
            return f"cue {name!r}: label: expected text, got {cue['label']!r}"
    if not positive:
        return "needs at least one cue with a positive weight"
    return None


def _names(value: Any) -> str | None:
    if not value or not all(isinstance(v, str) and v for v in value):
        return "expected a list of cue names"
    return None


def _threshold(value: Any) -> str | None:
    return None if value > 0 else f"must be greater than 0, got {value}"


class Evidence(CueRule):
    name = "evidence"
    summary = "flags a sentence (or post) whose cues' weights add up to a threshold"
    fields = (
        Field("cues", (dict,), required=True, check=_cues,
              doc="cue name -> {patterns, weight, scope (sentence or post), label, links (also inside links, "
                  "handles and hashtags)}; negative weights count against"),
        Field("threshold", (int, float), required=True, check=_threshold,
              doc="the sum of the weights of the cues found at which a sentence (or post) is flagged"),
        Field("scope", (str,), default="sentence", check=one_of(SCOPES),
              doc="what is judged and flagged: each `sentence` (a line break also ends one) or the `post`"),
        Field("requires", (list,), check=_names,
              doc="cue names at least one of which must count in a sentence (or post) for it to be judged"),
        Field("ignore_case", (bool,), default=True),
        Field("unless", (str, list), check=_patterns,
              doc="skip the sentence or post when any of these patterns is found in it"),
    )
    placeholders = frozenset({"match", "evidence"})

    def setup(self, line_of: Callable[[str], int]) -> None:
        case = self.params["ignore_case"]
        line = line_of("cues")
        post_rule = self.params["scope"] == "post"
        self.cues: dict[str, list[Any]] = {}
        self.weight: dict[str, float] = {}
        self.post_wide: dict[str, bool] = {}
        self.label: dict[str, str] = {}
        self.in_links: dict[str, bool] = {}
        for name, cue in self.params["cues"].items():
            self.cues[name] = compile_patterns(f"cues.{name}.patterns", cue["patterns"], case, line)
            self.weight[name] = float(cue["weight"])
            self.post_wide[name] = post_rule or cue.get("scope", "sentence") == "post"
            self.label[name] = cue.get("label", name.replace("_", " "))
            self.in_links[name] = cue.get("links", False)
        self.requires = frozenset(self.params["requires"] or ())
        unknown = sorted(self.requires - set(self.cues))
        if unknown:
            raise SpecError("requires", f"names no cue {unknown[0]!r} (cues: {', '.join(self.cues)})",
                            line_of("requires"))
        self.positive = [n for n in self.cues if self.weight[n] > 0]
        self.negative = [n for n in self.cues if self.weight[n] < 0]
        if sum(self.weight[n] for n in self.positive) < self.params["threshold"]:
            raise SpecError("threshold", f"can never be reached: the positive weights add up to "
                            f"{sum(self.weight[n] for n in self.positive):g}", line_of("threshold"))
        self._cues_set(line_of)
        self.weak = self._weak()
        self.order = sorted(self.positive, key=lambda n: (n in self.weak, -self.weight[n]))

    def _selective(self, name: str) -> int:
        """How much a cue's prefilters narrow things down: the UTF-8 length of the shortest
        string one of its patterns' requirements can be met by (0: a pattern with no
        requirement). A cue such as `\\bI\\b` (1) is possible in nearly every post; an
        emoji (4) is rare."""
        return min((max(min(len(text.replace(BOUNDARY_MARK, "").encode("utf-8")) for _, text in group)
                        for group in gate.groups)
                    if gate.groups else 0) for gate in self.prefilters[name])

    def _weak(self) -> frozenset[str]:
        """The positive cues left out of the gate: the least selective first, while together
        they stay below the threshold (so a post has at least one of the others to reach it)."""
        weak: list[str] = []
        total = 0.0
        for n in sorted(self.positive, key=lambda n: (self._selective(n), self.weight[n])):
            if round(total + self.weight[n], 6) >= self.params["threshold"]:
                break
            weak.append(n)
            total += self.weight[n]
        return frozenset(weak)

    def gate(self) -> list[int] | None:
        """The index ids of the positive cues without one of which the threshold cannot be
        reached (see `_weak`); None when a cue that has no requirement is needed."""
        if self.cue_ids is None:
            return None
        strong = [n for n in self.positive if n not in self.weak]
        if any(not all(p.groups for p in self.prefilters[n]) for n in strong):
            return None
        return [i for n in strong for i in self.cue_ids[n]]

    def check(self, ctx: Any) -> Iterator[Hit]:
        threshold = self.params["threshold"]
        text = ctx.text
        for start, end, counted in self.units(ctx, prune=True):
            # rounded, so that weights such as 1 + 0.6 + 2.5 - 1.1 reach a threshold of 3
            score = round(sum(self.weight[name] for name, _, _ in counted), 6)
            own = any(inside and self.weight[name] > 0 for name, _, inside in counted)
            if self.requires and not any(name in self.requires for name, _, _ in counted):
                continue
            if score >= threshold and own and not self._excused(text, start, end):
                values = {name: "" for name in self.cues}
                values.update({name: m for name, m, _ in counted})
                values["evidence"] = ", ".join(f"{self.label[n]} ('{m}')" for n, m, _ in counted
                                               if self.weight[n] > 0)
                values["match"] = text[start:end]
                yield Hit(start, end, values)

    def units(self, ctx: Any, prune: bool = True) -> Iterator[tuple[int, int, list[tuple[str, str, bool]]]]:
        """Each sentence (or the post) with the cues that count there: (name, what matched,
        whether the match is inside it). With `prune`, posts whose positive cues cannot reach
        the threshold are given up early; benchmarks/fit_evidence.py reads every unit."""
        threshold = self.params["threshold"]
        # the heaviest cues are looked for first (the gate's weak cues, possible in most posts,
        # last), and the post is given up as soon as the cues still possible cannot reach the
        # threshold (most posts, after a cue or two); first only the run's index is asked (a
        # set test per cue), each pattern's own prefilter just before the cue is looked for
        if self.cue_ids is not None:
            allowed = ctx.possible_patterns
            order = [n for n in self.order if not self.id_sets[n].isdisjoint(allowed)]
        else:
            order = self.order
        if prune and self.requires and self.requires.isdisjoint(order):
            return
        bound = sum(self.weight[n] for n in order)
        if prune and round(bound, 6) < threshold:
            return
        found: dict[str, list[tuple[int, int, str]]] = {}
        for name in order:
            possible = self._possible(ctx, name)
            matches = self._found(ctx, name, possible) if any(possible) else []
            if matches:
                found[name] = matches
            else:
                bound -= self.weight[name]
                if prune and round(bound, 6) < threshold:
                    return
        if prune and self.requires and self.requires.isdisjoint(found):
            return
        for name in self.negative:
            may = self._possible(ctx, name)
            if any(may):
                matches = self._found(ctx, name, may)
                if matches:
                    found[name] = matches
        units = ctx.sentences if self.params["scope"] == "sentence" else _whole(ctx.text)
        for start, end in units:
            counted = []
            for name in self.cues:  # in the rule's order, for the message
                matches = found.get(name)
                if not matches:
                    continue
                inside = next((m for m in matches if start <= m[0] and m[1] <= end), None)
                match = inside or (matches[0] if self.post_wide[name] else None)
                if match is not None:
                    counted.append((name, match[2], inside is not None))
            yield start, end, counted
