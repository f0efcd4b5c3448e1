"""Run-together hashtags in lower case (#flujabsaveslives): screen readers
read them as one long made-up word. The CamelCase form is suggested (and
fixable) only when the word list splits the hashtag one way and no other."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Iterator

import regex

from ..model import Hit
from ..segment import Lexicon, lexicon, segment
from .base import Field, Kind, optional_str_list, positive

# Lower case after an optional capital: #flujab, #Flujab (not #FluJab, not #FLUJAB).
_RUN_TOGETHER = regex.compile(r"[A-Za-z0-9][a-z0-9]*")
# Hashtag splits remembered: the posts of a run share most of their hashtags.
SPLITS_KEPT = 10_000


class HashtagCase(Kind):
    name = "hashtag-case"
    summary = "flags run-together lower-case hashtags and suggests CamelCase when the split is certain"
    fields = (
        Field("words", (list,), default=[], check=optional_str_list,
              doc="extra words for splitting hashtags (added to the built-in list)"),
        Field("acronyms", (list,), default=[], check=optional_str_list,
              doc="extra acronyms, written in capitals in the suggestion (the organisation profile adds its own)"),
        Field("min_length", (int,), default=6, check=positive, doc="shorter hashtags are left alone"),
    )
    placeholders = frozenset({"match", "suggestion", "advice"})

    def setup(self, line_of: Callable[[str], int]) -> None:
        self._acronyms: list[str] = list(self.params["acronyms"])
        self._lex: Lexicon | None = None
        self._split = self._remembered_split()

    def prepare(self, compiler: Any) -> None:
        self._acronyms = list(self.params["acronyms"]) + [str(a) for a in compiler.profile.get("acronyms") or []]
        self._lex = None
        self._split = self._remembered_split()

    @property
    def lex(self) -> Lexicon:
        """The word list, built when a hashtag first needs splitting: most runs never do."""
        if self._lex is None:
            self._lex = lexicon(self.params["words"], self._acronyms)
        return self._lex

    def check(self, ctx: Any) -> Iterator[Hit]:
        for start, end, kind in ctx.protected:
            if kind != "hashtag":
                continue
            body = ctx.text[start + 1:end]
            if len(body) < self.params["min_length"] or not _RUN_TOGETHER.fullmatch(body):
                continue
            parts, certain = self._split(body.lower())
            if not parts or sum(1 for p in parts if not p.isdigit()) < 2:
                continue
            tag = ctx.text[start:end]
            if certain:
                camel = "#" + "".join(self.lex.cased(p) for p in parts)
                yield Hit(start, end, {"match": tag, "suggestion": camel, "advice": f"write {camel}"},
                          suggestions=(camel,), fixable=True)
            else:
                yield Hit(start, end, {"match": tag, "suggestion": "",
                                       "advice": "capitalise the first letter of each word"})

    def _remembered_split(self) -> Callable[[str], tuple[list[str] | None, bool]]:
        """`segment` of a lower-cased hashtag body with this rule's word list, remembered
        (made anew when the word list changes)."""
        return lru_cache(maxsize=SPLITS_KEPT)(lambda body: segment(body, self.lex))
