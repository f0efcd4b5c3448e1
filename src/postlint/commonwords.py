"""Common English words (data/common-words.yaml), which tell a word written in
capitals for emphasis ("I HATE the new car park") from an acronym: the acronym
kind does not ask for them to be spelled out, and the capitalisation kind can
report them as shouting."""

from __future__ import annotations

from functools import lru_cache

import regex

from .yamlio import shipped


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Every form of the list's words, in capitals (as both kinds compare words)."""
    from .kinds.phrases import forms_of  # imported here: the kinds package imports this module

    return frozenset(w.upper() for w in forms_of(shipped("common-words.yaml")["words"]))


_TRIPLED = regex.compile(r"(\p{L})\1\1")


def drawn_out(word: str) -> bool:
    """Whether a word is drawn out for emphasis ("SOOO", "MEEE"): a letter three times
    running beside some other letter. "AAA" (abdominal aortic aneurysm screening) and
    "WWW" are one letter only, so they can be acronyms."""
    upper = word.upper()
    return len(set(upper)) > 1 and _TRIPLED.search(upper) is not None
