"""Shouting: posts or runs of words in capitals. Acronyms on the pack's
allow-list, words with digits (COVID-19, postcodes), links, handles and
hashtags are not counted as letters of the message."""

from __future__ import annotations

from typing import Any, Callable, Iterator

import regex

from ..commonwords import common_words, drawn_out
from ..context import run_around
from ..model import Hit
from .base import Field, Kind, SpecError, optional_str_list, positive, ratio

WORD = regex.compile(r"[\w&'’]+(?:[-‐][\w&'’]+)*")
CASED = regex.compile(r"\p{Lu}|\p{Ll}|\p{Lt}")
# Two capitals with nothing lower-case or white between them: a word in capitals (two or
# more cased letters, every one a capital) holds such a pair, so a post without one has none.
CAPS_PAIR = regex.compile(r"\p{Lu}[^\s\p{Ll}]*?\p{Lu}")


def _mode(value: Any) -> str | None:
    return None if value in ("whole-post", "words") else f"expected whole-post or words, got {value!r}"


class Capitalisation(Kind):
    name = "capitalisation"
    summary = "flags a post written in capitals (whole-post) or shouted words inside a post (words)"
    fields = (
        Field("mode", (str,), required=True, check=_mode,
              doc="whole-post: the post is (almost) all capitals; words: shouted words or runs of them"),
        Field("allow", (list,), default=[], check=optional_str_list,
              doc="acronyms and names that are never shouting (NHS, GP, A&E ...)"),
        Field("shout_words", (list,), default=[], check=optional_str_list,
              doc="words that are shouting on their own when in capitals (words mode): PLEASE, NOT, URGENT ..."),
        Field("shout_length", (int,), check=positive,
              doc="words mode: a capitalised word of at least this many letters is shouting on its own "
                  "(acronyms are short: EXTREMELY is shouting, UKHSA is not)"),
        Field("common_words", (bool,), default=False,
              doc="words mode: a capitalised word of three letters or more that postlint's list of common "
                  "English words has (HATE, LEAVE), or one drawn out (SOOO), is shouting on its own, "
                  "unless `allow` has it"),
        Field("keyword_before", (list,), default=[], check=optional_str_list,
              doc="words mode: words after which one capitalised word is a keyword people are asked to "
                  "send (text, reply: 'Text STOP to 60060'), never shouting"),
        Field("threshold", (float,), default=0.8, check=ratio,
              doc="share of letters in capitals that makes a whole post shouting"),
        Field("min_letters", (int,), default=8, check=positive,
              doc="letters the post (whole-post) or run (words) needs before it counts"),
        Field("min_words", (int,), default=2, check=positive,
              doc="capitalised words needed: in the post (whole-post) or in a run (words)"),
    )

    def setup(self, line_of: Callable[[str], int]) -> None:
        self.allow = {a.upper() for a in self.params["allow"]}
        self._allow_key = frozenset(self.allow)
        self.shout = {w.upper() for w in self.params["shout_words"]}
        if self.params["common_words"]:
            self.shout |= {w for w in common_words() if len(w) >= 3} - self.allow
        self.keyword_before = {w.lower() for w in self.params["keyword_before"]}
        if self.params["mode"] == "whole-post":
            for name in ("shout_words", "shout_length", "common_words", "keyword_before"):
                if self.params[name]:
                    raise SpecError(name, "only applies in words mode", line_of(name))

    def _words(self, ctx: Any) -> list[tuple[int, int, str, bool]]:
        """(start, end, word, is_caps) for prose words that are not allowed acronyms;
        computed once per post for rules sharing an allow-list."""
        key = ("capitalisation", self._allow_key)
        if key not in ctx.extra:
            ctx.extra[key] = self._scan(ctx) if self._may_shout(ctx) else []
        return ctx.extra[key]

    def _may_shout(self, ctx: Any) -> bool:
        """Whether the post has a word in capitals of two or more letters that is not on the
        allow-list: both modes need one, and most posts have none ("NHS" at most), so they
        are settled by looking at the few runs of text around pairs of capitals."""
        text = ctx.text
        searched = 0
        for pair in CAPS_PAIR.finditer(text):
            if pair.start() < searched:
                continue
            start, searched = run_around(text, pair.start(), pair.end(), searched)
            if any(caps and len(word) > 1 for _, _, word, caps in self._scan(ctx, start, searched)):
                return True
        return False

    def _scan(self, ctx: Any, start: int = 0, end: int | None = None) -> list[tuple[int, int, str, bool]]:
        allow = self.allow
        out = []
        for m in ctx.unprotected(WORD, start, end):
            word = m.group()
            if word.isascii() and word.isalpha():
                # Most words: letters only, so every character is a cased one.
                if word.upper() in allow:
                    continue
                caps = word.isupper() and (len(word) > 1 or word in ("A", "I"))
            else:
                if any(map(str.isdigit, word)) or word.upper() in allow:
                    continue
                cased = CASED.findall(word)
                if not cased:
                    continue
                caps = all(c.isupper() for c in cased) and (len(cased) > 1 or word in ("A", "I"))
            first, last = m.span()
            out.append((first, last, word, caps))
        return out

    def _whole_post(self, words: list[tuple[int, int, str, bool]]) -> bool:
        upper = sum(len(w) for _, _, w, caps in words if caps)
        total = sum(len(w) for _, _, w, _ in words)
        caps_words = sum(1 for _, _, w, caps in words if caps and len(w) > 1)
        return (total >= self.params["min_letters"] and caps_words >= self.params["min_words"]
                and upper / total >= self.params["threshold"])

    def check(self, ctx: Any) -> Iterator[Hit]:
        words = self._words(ctx)
        if not words:
            return
        if self.params["mode"] == "whole-post":
            if self._whole_post(words):
                start, end = words[0][0], words[-1][1]
                yield Hit(start, end, {"match": ctx.text[start:end], "count": len(words)})
            return
        # words mode: a whole shouted post is the other rule's business.
        if self._whole_post(words) or len(words) < 2:
            return
        yield from self._runs(ctx, words)

    def _long(self, word: str) -> bool:
        """A capitalised word long enough to be shouting on its own."""
        length = self.params["shout_length"]
        return bool(length) and len(CASED.findall(word)) >= length

    def _drawn_out(self, word: str) -> bool:
        """A capitalised word drawn out for emphasis (SOOO), with `common_words` on."""
        return self.params["common_words"] and drawn_out(word)

    def _runs(self, ctx: Any, words: list[tuple[int, int, str, bool]]) -> Iterator[Hit]:
        """Runs of capitalised words that shout; a run ends at a word not in capitals and at
        a line break (a heading in capitals and the next line's acronym are two things)."""
        text = ctx.text
        run: list[tuple[int, int, str, bool]] = []
        before = ""  # the word before the run
        for item in words + [(len(text), len(text), "", False)]:
            if item[3] and run and not _line_break(text, run[-1][1], item[0]):
                run.append(item)
                continue
            if run:
                yield from self._shouted(ctx, run, before)
                before, run = run[-1][2], []
            if item[3]:  # the first word of a run (after a line break, too)
                run = [item]
            else:
                before = item[2]

    def _shouted(self, ctx: Any, run: list[tuple[int, int, str, bool]], before: str) -> Iterator[Hit]:
        """The run as a finding, if it shouts (and is not a keyword after `before`)."""
        long_words = [w for _, _, w, _ in run if len(w) > 1]
        letters = sum(len(w) for w in long_words)
        shouted = (len(long_words) >= self.params["min_words"] and letters >= self.params["min_letters"]) \
            or any(w.upper() in self.shout or self._long(w) or self._drawn_out(w) for w in long_words)
        if shouted and not (len(run) == 1 and before.lower() in self.keyword_before):
            start, end = _underlined(run)
            yield Hit(start, end, {"match": ctx.text[start:end], "count": len(long_words)})


def _underlined(run: list[tuple[int, int, str, bool]]) -> tuple[int, int]:
    """The span of a shouted run to report, without an "I" at either end: "I" is always a
    capital, so in "I HATE the car park" only HATE is shouted."""
    words = [w for _, _, w, _ in run]
    first = 1 if words[0] == "I" and len(run) > 1 else 0
    last = len(run) - (2 if words[-1] == "I" and len(run) - first > 1 else 1)
    return run[first][0], run[last][1]


def _line_break(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], the gap between two words, holds a line break."""
    gap = text[start:end]
    return "\n" in gap or "\r" in gap
