"""Phrase lists matched token by token with spaCy's PhraseMatcher: `phrase`
flags any listed phrase, `substitution` flags it and suggests a plainer one."""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Iterator

import regex

from ..model import Hit
from .base import Field, Kind, SpecError, optional_str_list, str_list, without_overlaps

_ALTERNATION = re.compile(r"\(([^()]*\|[^()]*|[^()|]+)\)")
# A few more words, then an acronym in brackets: "... care networks (PCNs)".
_ACRONYM_AFTER = regex.compile(r"(?:[\s-]+[\p{L}'’-]+){0,3}?\s*\(\s*(\p{Lu}[\p{Lu}&]+)s?\s*\)")
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")
# For job titles and the names of bodies: their words, the little ones that need no capital,
# and a role just before "of" (or "for", "of the") where a phrase starts.
_TITLE_WORD = regex.compile(r"[\p{L}&][\p{L}'’&-]*")
_LITTLE = frozenset({"and", "of", "the", "for", "&"})
_ROLE_OF = regex.compile(r"(\p{L}+)\s+(?:of|for)(?:\s+the)?\s+$", regex.IGNORECASE)


# More forms than this from one entry is a mistake (or a pack built to exhaust memory).
MAX_FORMS = 1000


def expand(phrase: str) -> list[str]:
    """Expand optional endings: "stakeholder(s)" → stakeholder, stakeholders;
    "utilis(e|ed|es|ing)" → four forms. Keeps lists in packs short. ValueError
    when an entry expands to more than MAX_FORMS forms."""
    m = _ALTERNATION.search(phrase)
    if not m:
        return [" ".join(phrase.split())]
    inner = m.group(1)
    options = inner.split("|") if "|" in inner else ["", inner]
    out: list[str] = []
    for option in options:
        for form in expand(phrase[: m.start()] + option + phrase[m.end():]):
            if form and form not in out:
                out.append(form)
        if len(out) > MAX_FORMS:
            raise ValueError(f"expands to more than {MAX_FORMS} forms; split it into several entries")
    return out


def forms_of(words: Iterable[str]) -> set[str]:
    """Every form of a word list written the pack way ("jab(|s|bed)"), in lower case."""
    return {form.lower() for w in words for form in expand(str(w))}


class Phrase(Kind):
    name = "phrase"
    summary = "flags any of a list of words or phrases (spaCy PhraseMatcher)"
    fields = (
        Field("phrases", (list,), required=True, check=str_list,
              doc='words or phrases; "word(s)" expands to word and words, "verb(|s|ed)" to verb, verbs and verbed'),
        Field("case_sensitive", (bool,), default=False, doc="match exact case (default: any case)"),
    )

    def setup(self, line_of: Callable[[str], int]) -> None:
        self.forms = sorted({form for p in self.params["phrases"] for form in expand(p)})

    def prepare(self, compiler: Any) -> None:
        compiler.add_phrases(self.key, self.forms, "ORTH" if self.params["case_sensitive"] else "LOWER")

    def check(self, ctx: Any) -> Iterator[Hit]:
        for start, end in ctx.matches(self.key):
            yield Hit(start, end, {"match": ctx.text[start:end]})


def _swaps(value: Any) -> str | None:
    if not value:
        return "must not be empty"
    for phrase, suggestion in value.items():
        if not isinstance(phrase, str) or not phrase.strip():
            return f"expected text as each phrase, found {phrase!r}"
        items = suggestion if isinstance(suggestion, list) else [suggestion]
        if not items or not all(isinstance(s, str) for s in items):
            return f"{phrase!r}: expected a suggestion or a list of suggestions (text)"
        if any(s.strip().lower() == phrase.strip().lower() for s in items):
            return f"{phrase!r}: suggests itself"
        try:
            expand(phrase)
        except ValueError as exc:
            return f"{phrase[:80]!r} {exc}"
    return None


class Substitution(Kind):
    name = "substitution"
    summary = "flags a phrase and suggests a plainer alternative (fixable when there is one)"
    fields = (
        Field("swaps", (dict,), required=True, check=_swaps,
              doc="mapping of phrase → suggestion or list of suggestions; an empty string means 'leave it out'"),
        Field("case_sensitive", (bool,), default=False),
        Field("fix", (bool,), default=True, doc="apply a single suggestion with `postlint fix` (default true)"),
        Field("except", (list,), default=[], check=optional_str_list,
              doc="phrases inside which a swap is not flagged: a name another rule reports "
                  "('clinical commissioning group')"),
        Field("defined", (bool,), default=False,
              doc="skip a phrase the post spells out before its acronym in brackets "
                  "('primary care networks (PCNs)' explains the term)"),
        Field("titles", (list,), default=[], check=optional_str_list,
              doc="words for a role or a body (head, director, manager, team, committee): a phrase in "
                  "capitals after one and 'of' ('Head of Primary Care'), ending with one ('Transformation "
                  "Team') or followed by one, in capitals or not ('Primary Care Commissioning Committee', "
                  "'Primary Care Commissioning team') is a name, not jargon"),
    )
    placeholders = frozenset({"match", "suggestion", "suggestions"})

    def setup(self, line_of: Callable[[str], int]) -> None:
        self.entries: list[tuple[list[str], tuple[str, ...]]] = []
        seen: dict[str, str] = {}
        for phrase, suggestion in self.params["swaps"].items():
            forms = expand(phrase)
            for form in forms:
                if form.lower() in seen:
                    raise SpecError("swaps", f"{form!r} comes from both {seen[form.lower()]!r} and {phrase!r}",
                                    line_of("swaps"))
                seen[form.lower()] = phrase
            items = suggestion if isinstance(suggestion, list) else [suggestion]
            self.entries.append((forms, tuple(items)))
        self.excepted = sorted({form for p in self.params["except"] for form in expand(p)})
        self.titles = frozenset(w.lower() for w in self.params["titles"])

    def prepare(self, compiler: Any) -> None:
        attr = "ORTH" if self.params["case_sensitive"] else "LOWER"
        self.entry_keys = {f"{self.key}#{i}": i for i in range(len(self.entries))}
        for key, i in self.entry_keys.items():
            compiler.add_phrases(key, self.entries[i][0], attr)
        if self.excepted:
            compiler.add_phrases(f"{self.key}#except", self.excepted, attr)

    def check(self, ctx: Any) -> Iterable[Hit]:
        # Only the entries found in this post, in entry order (a rule may have hundreds).
        found = sorted(i for i in map(self.entry_keys.get, ctx.matched_keys()) if i is not None)
        hits = []
        excepted = ctx.matches(f"{self.key}#except") if self.excepted else []
        for i in found:
            suggestions = self.entries[i][1]
            for start, end in ctx.matches(f"{self.key}#{i}"):
                if any(s <= start and end <= e for s, e in excepted):
                    continue
                if self.params["defined"] and _defined(ctx.text, start, end):
                    continue
                if self.titles and _in_title(ctx.text, start, end, self.titles):
                    continue
                shown = [s if s else "(leave it out)" for s in suggestions]
                hits.append(Hit(start, end,
                                {"match": ctx.text[start:end], "suggestion": shown[0],
                                 "suggestions": " or ".join(f"'{s}'" for s in shown)},
                                suggestions=suggestions,
                                fixable=self.params["fix"] and len(suggestions) == 1))
        return without_overlaps(hits)


def _capitalised(words: list[str]) -> bool:
    """Whether every word but the little ones (and, of, the) starts with a capital."""
    return bool(words) and all(w[0].isupper() or w.lower() in _LITTLE for w in words)


def _in_title(text: str, start: int, end: int, titles: frozenset[str]) -> bool:
    """Whether text[start:end], in capitals, is part of a job title or a body's name: after a
    role and "of" ("Head of Primary Care"), ending with a role ("Transformation Team"), or
    followed, through more words in capitals, by one ("Primary Care Commissioning Committee",
    "the Primary Care Commissioning team": a team's name, however "team" is written)."""
    words = _TITLE_WORD.findall(text, start, end)
    if not _capitalised(words):
        return False
    if words[-1].lower() in titles:  # "Transformation Team"
        return True
    before = _ROLE_OF.search(text, max(0, start - 60), start)
    if before and before.group(1).lower() in titles:
        return True
    for m in _TITLE_WORD.finditer(text, end, min(len(text), end + 80)):
        word = m.group()
        if text[end:m.start()].strip(" -"):
            return False
        if word.lower() in titles:  # in capitals or not: "our Primary Care Commissioning team"
            return True
        if not _capitalised([word]):
            return False
        end = m.end()
    return False


def _defined(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is part of a long form spelled out before its acronym
    in brackets: "clinical commissioning groups (CCGs)" defines "commissioning"."""
    from .acronym import long_form  # here, not at the top: acronym imports this module

    m = _ACRONYM_AFTER.match(text, end)
    if not m:
        return False
    before = list(_WORD.finditer(text, 0, start))[-3:]
    begin = before[0].start() if before else start
    return long_form(m.group(1), text[begin:m.start(1) - 1])
