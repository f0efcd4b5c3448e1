"""Emoji as screen readers hear them: each one is read out by name, so a
repeated emoji is heard again and again ("clapping hands, clapping hands"),
and one between words interrupts the sentence. (Counting emoji is the
`metric` kind's `emoji` measure.)"""

from __future__ import annotations

from typing import Any, Callable, Iterator

import regex

from ..emojis import base, emoji_in, name
from ..model import Hit
from .base import Field, Kind

MODES = ("repeated", "between-words")
_GAP = regex.compile(r"[ \t\u00a0]*")
# The word before an emoji, found from the emoji backwards (REVERSE): the same match as a
# forward search, without trying every earlier position of the line.
_BEFORE = regex.compile(r"(\S+)[ \t\u00a0]*\Z", regex.REVERSE)
_AFTER = regex.compile(r"[ \t\u00a0]*(\S+)")
_ENDS_IN_LETTER = regex.compile(r"\p{L}\Z")
_LOWER_OR_DIGIT = regex.compile(r"[\p{Ll}\p{N}]")
_ACRONYM = regex.compile(r"\p{Lu}{2,}\W*")


def _mode(value: Any) -> str | None:
    return None if value in MODES else f"expected one of {', '.join(MODES)}, got {value!r}"


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
        Field("mode", (str,), required=True, check=_mode, doc="repeated or between-words"),
    )
    placeholders = frozenset({"match", "name", "count"})

    def setup(self, line_of: Callable[[str], int]) -> None:
        self.mode = self.params["mode"]

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
            before = _BEFORE.search(text, text.rfind("\n", 0, start) + 1, start)
            after = _AFTER.match(text, end)
            if not before or not after:
                continue
            prev_word, next_word = before.group(1), after.group(1)
            prev_at, next_at = start - len(before.group()), after.start(1)
            if not _ENDS_IN_LETTER.search(prev_word) or ctx.protected_kind(prev_at, start):
                continue
            if ctx.protected_kind(next_at, next_at + len(next_word)):
                continue
            if not (_LOWER_OR_DIGIT.match(next_word) or _ACRONYM.fullmatch(next_word)):
                continue
            yield Hit(start, end, {"match": text[start:end], "name": ", ".join(name(s) for _, _, s in group),
                                   "count": len(group)})
