"""Shared helpers for kinds that read the organisation profile or match word
lists on raw text: the profile's official names and handles, and one regex
for a list of literal names or vocabulary entries."""

from __future__ import annotations

import re
from functools import lru_cache
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


def vocabulary_regex(entries: Iterable[str]) -> "Vocabulary | None":
    """Whole words and phrases ("nurse(s)", "board meeting") and stems ending in '*' ("vaccin*")."""
    alternatives, forms = [], []
    for entry in entries:
        entry = entry.strip().lower()
        if entry.endswith("*"):
            alternatives.append(_literal(entry[:-1]) + r"[\p{L}\p{N}]*")
            forms.append((entry[:-1], True))
        else:
            alternatives.extend(_literal(form) for form in expand(entry))
            forms.extend((form, False) for form in expand(entry))
    if not alternatives:
        return None
    alternatives.sort(key=len, reverse=True)
    pattern = LazyRegex(rf"(?<![\p{{L}}\p{{N}}])(?:{'|'.join(alternatives)})(?![\p{{L}}\p{{N}}])", regex.IGNORECASE)
    return Vocabulary(pattern, forms)


# Letters and digits outside ASCII, and the one mark that matches letters when case is
# ignored (U+0345, as Greek iota): a text without them has only ASCII words, and any other
# character in it matches, ignoring case, only characters that are not letters or digits.
_IOTA = "\u0345"
_NOT_PLAIN = regex.compile(rf"[[\p{{L}}\p{{N}}]--[\x00-\x7f]]|{_IOTA}", regex.VERSION1)
_ASCII_RUN = re.compile(r"[a-z0-9]+")
_RUN = regex.compile(r"[\p{L}\p{N}]+")
# The characters outside ASCII that match an ASCII letter when case is ignored.
_TO_ASCII = str.maketrans({"\u212a": "k", "\u017f": "s", "\u0131": "i", "\u0130": "i"})


# What one word of a text (lower-cased) tells `Vocabulary`: whether it is a match by itself,
# whether it may start one, and the entries of several words it starts (their other words,
# and whether the last is a stem).
Word = tuple[bool, bool, tuple[tuple[tuple[str, ...], bool], ...]]


class Vocabulary:
    """`vocabulary_regex`'s pattern, asked whether it matches a text mostly without the
    regex engine, which tries its hundreds of entries at every place in the text.

    A match lines up the words (runs of letters and digits) of an entry with whole
    words of the text, one after another, the last only starting with a stem's. So a
    text in which no run of words does so cannot match; and a word of the text that is
    an entry made of one word ("nurse", "vaccin*") is a match. The first test reads
    texts whose letters and digits are all ASCII (see `_NOT_PLAIN`): ignoring case,
    their letters match only ASCII letters and the characters `_TO_ASCII` maps, and
    their other characters nothing that is part of a word. Anything else is searched,
    after the second test where a text has no U+0345 (the one character that is not
    part of a word but, ignoring case, matches one that is). What each word tells is
    remembered, as posts share most words."""

    __slots__ = ("regex", "_always", "_needles", "_led", "_words", "_lengths", "word")

    def __init__(self, pattern: LazyRegex, forms: Iterable[tuple[str, bool]]) -> None:
        self.regex = pattern
        self._always = False  # an entry that could match anywhere
        self._needles: set[str] = set()  # entries without a word ("🍺"): a piece of each, exactly as written
        self._led: dict[str, list[tuple[tuple[str, ...], bool]]] = {}  # first word -> (the other words, stem?)
        self._words: dict[tuple[str, bool], bool] = {}  # (entry of one word, stem?) -> whether it is only the word
        for form, stem in forms:
            runs = _RUN.findall(form.translate(_TO_ASCII).lower())
            if not runs:
                self._add_needle(form)
            elif not all(r.isascii() for r in runs):  # a word outside ASCII is never in a plain text
                continue
            elif len(runs) > 1:
                self._led.setdefault(runs[0], []).append((tuple(runs[1:]), stem))
            else:
                key = (runs[0], stem)
                self._words[key] = self._words.get(key, False) or bool(_ASCII_RUN.fullmatch(form.lower()))
        self._lengths = sorted({len(w) for w, stem in self._words if stem})
        self.word = lru_cache(maxsize=50_000)(self._word)

    def _add_needle(self, form: str) -> None:
        """An entry without a word matches only where its first piece (between spaces and
        hyphens) is, as written, when none of its characters has another case: such a
        character matches only itself."""
        piece = next((p for p in _SEPARATORS.split(form.strip()) if p), "")
        if piece and all(c.lower() == c.upper() == c.casefold() == c for c in piece):
            self._needles.add(piece)
        else:
            self._always = True

    def _word(self, run: str) -> Word:
        """What a word of a text tells (see Word)."""
        found = [self._words[key] for key in [(run, False), *((run[:n], True) for n in self._lengths if n <= len(run))]
                 if key in self._words]
        return any(found), bool(found), tuple(self._led.get(run, ()))

    def contains(self, text: str) -> bool:
        """Whether the pattern matches anywhere in `text`."""
        if _IOTA in text:  # a letter when case is ignored: the pattern's words end elsewhere
            return self.regex.search(text) is not None
        plain, runs = _words_of(text)
        if any(self.word(run)[0] for run in runs):
            return True
        return self._may_match(text, plain, runs) and self.regex.search(text) is not None

    def may_match(self, text: str) -> bool:
        """False only for a text the pattern cannot match (the first test of the class docstring)."""
        return self._may_match(text, *_words_of(text))

    def _may_match(self, text: str, plain: bool, runs: list[str]) -> bool:
        if not plain or self._always or any(n in text for n in self._needles):
            return True
        for i, run in enumerate(runs):
            _, may, led = self.word(run)
            if may or any(_follows(runs, i + 1, rest, stem) for rest, stem in led):
                return True
        return False


def _words_of(text: str) -> tuple[bool, list[str]]:
    """Whether a text is plain (see Vocabulary), and its words that are all ASCII, lower-cased
    (all of them, in a plain text)."""
    if text.isascii() or not _NOT_PLAIN.search(text):
        return True, _ASCII_RUN.findall(text.lower())
    return False, [r.lower() for r in _RUN.findall(text) if r.isascii()]


def _follows(runs: list[str], i: int, rest: tuple[str, ...], stem: bool) -> bool:
    """Whether `runs` go on from `i` with the words `rest`, the last only starting so for a stem."""
    following = runs[i:i + len(rest)]
    if len(following) != len(rest) or following[:-1] != list(rest[:-1]):
        return False
    return following[-1].startswith(rest[-1]) if stem else following[-1] == rest[-1]


def embedded_regex(entries: Iterable[str], min_letters: int = 5) -> "Embedded | None":
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
    return Embedded(LazyRegex("|".join(alternatives)), words, acronyms, min_letters)


class Embedded:
    """`embedded_regex`'s pattern, asked whether it is in a hashtag or handle: a plain one
    (see Vocabulary) holds a word only where, lower-cased, it holds the word's first
    `min_letters` letters, and an acronym only where it holds its first two letters as
    written, so one without any of them is not searched."""

    __slots__ = ("regex", "_starts", "_pairs", "_width")

    def __init__(self, pattern: LazyRegex, words: Iterable[str], acronyms: Iterable[str], min_letters: int) -> None:
        self.regex = pattern
        self._width = min_letters
        self._starts = frozenset(s for w in words if (s := w.translate(_TO_ASCII).lower()[:min_letters]).isascii())
        self._pairs = frozenset(a[:2] for a in acronyms if a[:2].isascii())

    def contains(self, tag: str) -> bool:
        """Whether the pattern matches anywhere in `tag`."""
        if tag.isascii() or not _NOT_PLAIN.search(tag):
            low, width, starts, pairs = tag.lower(), self._width, self._starts, self._pairs
            if not any(low[i:i + width] in starts for i in range(len(low) - width + 1)) and not any(
                    tag[i:i + 2] in pairs for i in range(len(tag) - 1)):
                return False
        return self.regex.search(tag) is not None
