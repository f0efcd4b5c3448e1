"""Splitting a run-together hashtag into words, deterministically: the split
with the fewest words from the word list, and only when there is exactly one
such split. Digits stay together as one part ("#covid19" → covid, 19)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .yamlio import shipped

MAX_WORD = 24
# regular endings a listed word may take and still be one word
_ENDINGS = ("ed", "ing", "s", "es", "er", "ers")


@dataclass(frozen=True)
class Lexicon:
    words: frozenset[str]
    acronyms: frozenset[str]

    def knows(self, word: str) -> bool:
        """A listed word or acronym, or a listed word with a regular ending ("staffed",
        "caring"): without this "understaffed" splits into under, staff and the
        acronym ED."""
        if word in self.words or word in self.acronyms:
            return True
        return any(word.endswith(end) and len(word) > len(end) + 2
                   and (word[:-len(end)] in self.words or word[:-len(end)] + "e" in self.words)
                   for end in _ENDINGS)

    def cased(self, part: str) -> str:
        """A part as it is written in CamelCase: acronyms in capitals, words capitalised."""
        return part.upper() if part in self.acronyms else part[:1].upper() + part[1:]


def _forms(words: Iterable[str]) -> set[str]:
    """Every form of a word list written the pack way ("jab(|s|bed)")."""
    from .kinds.phrases import forms_of  # imported here: the kinds package imports this module

    return forms_of(words)


@lru_cache(maxsize=1)
def _builtin() -> tuple[frozenset[str], frozenset[str]]:
    data = shipped("hashtag-words.yaml")
    return frozenset(_forms(data["words"])), frozenset(str(a).lower() for a in data["acronyms"])


def lexicon(words: Iterable[str] = (), acronyms: Iterable[str] = ()) -> Lexicon:
    """The built-in word list plus a rule's or an organisation's own words and acronyms."""
    base_words, base_acronyms = _builtin()
    return Lexicon(base_words | _forms(words), base_acronyms | {a.lower() for a in acronyms})


def segment(text: str, lex: Lexicon) -> tuple[list[str] | None, bool]:
    """(the split with the fewest parts, whether it is the only one), or (None, False)
    when `text` cannot be cut wholly into known words and digit runs."""
    n = len(text)
    # best[i] = (parts, ways, previous cut) for text[:i]; ways stops counting at 2.
    best: list[tuple[int, int, int] | None] = [None] * (n + 1)
    best[0] = (0, 1, -1)
    for i in range(n):
        if best[i] is None:
            continue
        parts, ways, _ = best[i]
        for j in _ends(text, i, lex):
            candidate = (parts + 1, ways, i)
            current = best[j]
            if current is None or candidate[0] < current[0]:
                best[j] = candidate
            elif candidate[0] == current[0]:
                best[j] = (current[0], min(2, current[1] + ways), current[2])
    if best[n] is None:
        return None, False
    cuts = []
    j = n
    while j > 0:
        i = best[j][2]
        cuts.append(text[i:j])
        j = i
    return cuts[::-1], best[n][1] == 1


def _ends(text: str, i: int, lex: Lexicon) -> list[int]:
    """Where a part starting at i can end: the whole digit run, or any known word."""
    if text[i].isdigit():
        j = i
        while j < len(text) and text[j].isdigit():
            j += 1
        return [j] if i == 0 or not text[i - 1].isdigit() else []
    return [j for j in range(i + 1, min(len(text), i + MAX_WORD) + 1) if lex.knows(text[i:j])]
