"""Emoji as screen readers hear them: each one is read out by name, so a
repeated emoji is heard again and again ("clapping hands, clapping hands"),
and one between words interrupts the sentence. (Counting emoji is the
`metric` kind's `emoji` measure.)"""

from __future__ import annotations

from typing import Any, Callable, Iterator

import regex

from ..emojis import base, emoji_in, name
from ..model import Hit
from .base import Field, Kind, one_of, optional_str_list

MODES = ("repeated", "between-words")
_GAP = regex.compile(r"[ \t\u00a0]*")
_GAP_CHARS = " \t\u00a0"
_SPACE = regex.compile(r"\s")
# Compiled once: the regex module's lookup of a pattern given as text costs more than the search.
_WORD_AFTER = regex.compile(r"[ \t\u00a0]*(\S+)")
_ENDS_IN_LETTER = regex.compile(r"\p{L}\Z")
_STARTS_LOWER = regex.compile(r"[\p{Ll}\p{N}]")
_ACRONYM = regex.compile(r"\p{Lu}{2,}\W*")
_WORD_CHARS = regex.compile(r"[\w'’]+")
_EDGE_PUNCTUATION = "\"'“”‘’()[]"



def word_before(text: str, end: int) -> tuple[int, int] | None:
    """Span of the word before `end`, spaces and tabs between allowed; found by
    stepping back from `end`, so a long post costs only the word's length."""
    i = end
    while i > 0 and text[i - 1] in _GAP_CHARS:
        i -= 1
    j = i
    while j > 0 and not _SPACE.match(text, j - 1):
        j -= 1
    return (j, i) if j < i else None


def groups(text: str, spans: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Emoji next to each other (spaces between allowed) form one group."""
    out: list[list[tuple[int, int, str]]] = []
    for span in spans:
        if out and _GAP.fullmatch(text, out[-1][-1][1], span[0]):
            out[-1].append(span)
        else:
            out.append([span])
    return out


class Emoji(Kind):
    name = "emoji"
    summary = "flags the same emoji used more than once (repeated) or an emoji standing between words (between-words)"
    fields = (
        Field("mode", (str,), required=True, check=one_of(MODES), doc="repeated or between-words"),
        Field("clause_words", (list,), default=[], check=optional_str_list,
              doc="between-words: words that start a new clause (they, we, hope ...): an emoji before one, "
                  "or before a number, ends a clause as a full stop would ('So proud of the team today 💙 "
                  "they were brilliant') and is not flagged, unless the word before it is in `stand_in_after`"),
        Field("stand_in_after", (list,), default=[], check=optional_str_list,
              doc="between-words: words after which an emoji stands for a word whatever comes next (your, "
                  "the, I, we: 'Get your 💉 it is free', 'We 💙 the NHS')"),
    )
    placeholders = frozenset({"match", "name", "count"})

    def setup(self, line_of: Callable[[str], int]) -> None:
        self.mode = self.params["mode"]
        self.clause_words = {w.lower() for w in self.params["clause_words"]}
        self.stand_in_after = {w.lower() for w in self.params["stand_in_after"]}

    def check(self, ctx: Any) -> Iterator[Hit]:
        spans = emoji_in(ctx)
        if spans:
            found = self._repeated(ctx, spans) if self.mode == "repeated" else self._between(ctx, spans)
            yield from found

    def _repeated(self, ctx: Any, spans: list[tuple[int, int, str]]) -> Iterator[Hit]:
        """A run of the same emoji is one hit (suggesting it once); a later lone repeat is a hit of its own."""
        totals: dict[str, int] = {}
        for _, _, seq in spans:
            totals[base(seq)] = totals.get(base(seq), 0) + 1
        seen: set[str] = set()
        for group in groups(ctx.text, spans):
            i = 0
            while i < len(group):
                key = base(group[i][2])
                j = i
                while j + 1 < len(group) and base(group[j + 1][2]) == key:
                    j += 1
                start, end = group[i][0], group[j][1]
                values = {"match": ctx.text[start:end], "name": name(key), "count": totals[key]}
                if j > i:
                    yield Hit(start, end, values, suggestions=(group[i][2],))
                elif key in seen:
                    yield Hit(start, end, values)
                seen.add(key)
                i = j + 1

    def _between(self, ctx: Any, spans: list[tuple[int, int, str]]) -> Iterator[Hit]:
        """Between a word and a word in lower case (or an acronym): "Get your 💉 today", "I ❤️ NHS"."""
        text = ctx.text
        for group in groups(text, spans):
            start, end = group[0][0], group[-1][1]
            before = word_before(text, start)
            after = _WORD_AFTER.match(text, end)
            if not before or not after:
                continue
            prev_word, next_word = text[before[0]:before[1]], after.group(1)
            prev_at, next_at = before[0], after.start(1)
            if not _ENDS_IN_LETTER.search(prev_word) or ctx.protected_kind(prev_at, start):
                continue
            if ctx.protected_kind(next_at, next_at + len(next_word)):
                continue
            if not (_STARTS_LOWER.match(next_word) or _ACRONYM.fullmatch(next_word)):
                continue
            if self._ends_clause(prev_word, next_word):
                continue
            yield Hit(start, end, {"match": text[start:end], "name": ", ".join(name(s) for _, _, s in group),
                                   "count": len(group)})

    def _ends_clause(self, prev_word: str, next_word: str) -> bool:
        """Whether an emoji between these words ends a clause, as a full stop would: the next
        word starts one (or is a number: "Day in the life 👩‍💻 8am coffee") and the word before
        is not one after which an emoji stands for a word."""
        following = _WORD_CHARS.match(next_word)
        starts = next_word[:1].isdigit() or (following is not None and following.group().lower() in self.clause_words)
        return starts and prev_word.lower().strip(_EDGE_PUNCTUATION) not in self.stand_in_after
