"""Shared helpers for kinds that read the organisation profile or match word
lists on raw text: the profile's official names and handles, and one regex
for a list of literal names or vocabulary entries."""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping

import regex

from ..lazyregex import LazyRegex
from .phrases import expand

EDGE_BEFORE = r"(?<![\p{L}\p{N}_@#])"
EDGE_AFTER = r"(?![\p{L}\p{N}_])"


def profile_names(profile: Mapping[str, Any]) -> Iterator[str]:
    """The organisation's official names: name, short_name and names."""
    for key in ("name", "short_name"):
        if isinstance(profile.get(key), str) and profile[key].strip():
            yield profile[key]
    yield from (n for n in profile.get("names") or [] if isinstance(n, str) and n.strip())


def profile_handles(profile: Mapping[str, Any]) -> list[str]:
    """The official handles ("@StaffsICB"), in profile order, without repeats."""
    handles = profile.get("handles") or {}
    values = handles.values() if isinstance(handles, Mapping) else handles
    out: list[str] = []
    for h in values:
        if isinstance(h, str) and h.startswith("@") and h not in out:
            out.append(h)
    return out


_SEPARATORS = regex.compile(r"[\s\-‐]+")


def name_key(text: str) -> str:
    """A name folded the way `literal_regex` matches it: case, spaces and hyphens ignored."""
    return " ".join(_SEPARATORS.split(text.strip().lower()))


def _literal(text: str) -> str:
    """A name as a pattern: any run of spaces matches any whitespace; '-' and ' ' are interchangeable
    in hyphenated place names ("Stoke-on-Trent", "Stoke on Trent")."""
    parts = _SEPARATORS.split(text.strip())
    return r"[\s\-‐]+".join(regex.escape(p) for p in parts)


def literal_regex(items: Iterable[str], ignore_case: bool = True) -> LazyRegex | None:
    """One pattern for whole names or handles, longest first; None for an empty list."""
    forms = sorted({i for i in items if i.strip()}, key=len, reverse=True)
    if not forms:
        return None
    body = "|".join(_literal(f) for f in forms)
    return LazyRegex(f"{EDGE_BEFORE}(?:{body}){EDGE_AFTER}", regex.IGNORECASE if ignore_case else 0)


def vocabulary_regex(entries: Iterable[str]) -> LazyRegex | None:
    """Whole words and phrases ("nurse(s)", "board meeting") and stems ending in '*' ("vaccin*")."""
    alternatives = []
    for entry in entries:
        entry = entry.strip().lower()
        if entry.endswith("*"):
            alternatives.append(_literal(entry[:-1]) + r"[\p{L}\p{N}]*")
        else:
            alternatives.extend(_literal(form) for form in expand(entry))
    if not alternatives:
        return None
    alternatives.sort(key=len, reverse=True)
    return LazyRegex(rf"(?<![\p{{L}}\p{{N}}])(?:{'|'.join(alternatives)})(?![\p{{L}}\p{{N}}])", regex.IGNORECASE)


_PLAIN = regex.compile(r"[a-z0-9]+")


def plain_words(entries: Iterable[str]) -> frozenset[str]:
    """The vocabulary's single words of ASCII letters and digits, lower-cased: a text word
    (a whole run of letters and digits) equal to one, ignoring case, is a match of
    `vocabulary_regex` found with a set lookup instead of the regex engine."""
    out = set()
    for entry in entries:
        entry = entry.strip().lower()
        if not entry.endswith("*"):
            out.update(form for form in expand(entry) if _PLAIN.fullmatch(form))
    return frozenset(out)


def embedded_regex(entries: Iterable[str], min_letters: int = 5) -> LazyRegex | None:
    """Single words of a vocabulary found anywhere in a string, for run-together hashtags and
    handles ("#gdnhealthhustings"): words of `min_letters` or more in any case, and acronyms
    only in capitals ("NHS" in "#ViewsfromtheNHSfrontline", not "hiv" in "#archived")."""
    words: set[str] = set()
    acronyms: set[str] = set()
    for entry in entries:
        entry = entry.strip()
        for form in ([entry[:-1]] if entry.endswith("*") else expand(entry)):
            if not regex.fullmatch(r"\p{L}+", form):
                continue
            if form.isupper() and len(form) > 1:
                acronyms.add(form)
            elif len(form) >= min_letters:
                words.add(form.lower())
    if not words and not acronyms:
        return None
    alternatives = [f"(?i:{regex.escape(w)})" for w in sorted(words, key=len, reverse=True)]
    alternatives += [regex.escape(a) for a in sorted(acronyms, key=len, reverse=True)]
    return LazyRegex("|".join(alternatives))
