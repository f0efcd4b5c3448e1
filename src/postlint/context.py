"""Everything a rule may look at for one post, computed lazily and at most once."""

from __future__ import annotations

import bisect
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable, Iterator

import regex

from .model import Post
from .nlp import sentence_spans
from .prefilter import fold_post

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .matching import Compiler

# Parts of a post that are not prose: links, addresses, handles and hashtags.
# Rules skip matches inside them unless they say otherwise (`ignore_in`).
# Read as one alternation, in this order: at each place the first that matches wins.
_TRAILING = ".,;:!?)]}'\"’”"
_FLAGS = regex.VERBOSE | regex.IGNORECASE
_TLDS = r"(?:uk|com|org|net|gov|nhs|io|ly|co|me|info|scot|wales|eu|int)\b"
PROTECTED_PARTS = (
    ("url", regex.compile(r"""(?:https?://|www\.)[^\s<>"]+""", _FLAGS)),
    ("url", regex.compile(r"""(?<![\w@.\-/])(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+""" + _TLDS
                          + r"""(?:/[^\s<>"]*)?""", _FLAGS)),
    ("email", regex.compile(r"(?<![\w.+\-])[\w.+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+", _FLAGS)),
    ("mention", regex.compile(r"(?<![\w@])@\w{1,50}", _FLAGS)),
    ("hashtag", regex.compile(r"(?<![\w#&])\#\w*[^\W\d_]\w*", _FLAGS)),
)
_TLD = regex.compile(r"\." + _TLDS, regex.IGNORECASE)


def _possible(text: str) -> list[int]:
    """The parts that can match anywhere in `text`, by text each one must contain; the
    others are not searched (a bare domain, the costly part, needs a dot before a known TLD)."""
    found = []
    if "://" in text or "www." in text.lower():
        found.append(0)
    if _TLD.search(text):
        found.append(1)
    if "@" in text:
        found += [2, 3]
    if "#" in text:
        found.append(4)
    return found


# A match of a bare domain holds a known TLD, an email address holds "@", and neither holds
# white space: each is searched for only in the run of text between white space around one.
_ANCHOR = {1: _TLD, 2: regex.compile("@")}
_SPACE = regex.compile(r"\s")
_SPACE_BEFORE = regex.compile(r"\s", regex.REVERSE)


def run_around(text: str, start: int, end: int, lo: int = 0) -> tuple[int, int]:
    """The run of text without white space that holds text[start:end], reaching back no
    further than `lo`: found by looking outwards from it, so a long post costs no more."""
    before = _SPACE_BEFORE.search(text, lo, start)
    after = _SPACE.search(text, end)
    return before.end() if before else lo, after.start() if after else len(text)


def _search(k: int, text: str, pos: int = 0) -> Any:
    """PROTECTED_PARTS[k]'s first match at or after `pos`, as `search` would find it."""
    pattern = PROTECTED_PARTS[k][1]
    anchor = _ANCHOR.get(k)
    if anchor is None:
        return pattern.search(text, pos)
    searched = pos
    for a in anchor.finditer(text, pos):
        if a.start() < searched:
            continue
        lo, searched = run_around(text, a.start(), a.end(), pos)
        m = pattern.search(text, lo, searched)
        if m is not None:
            return m
    return None


def _alternation(text: str) -> Iterator[tuple[str, Any]]:
    """(kind, match) as `finditer` of the parts joined by `|` would give them: the leftmost
    match, the earlier part on a tie, then on from its end. Searching the parts one by one
    is several times faster than the joined pattern, which defeats the regex engine's
    quick scans for a first character."""
    pending = {k: _search(k, text) for k in _possible(text)}
    pos = 0
    while True:
        live = [(m.start(), k, m) for k, m in pending.items() if m is not None]
        if not live:
            return
        _, k, m = min(live, key=lambda item: item[:2])
        yield PROTECTED_PARTS[k][0], m
        pos = m.end()
        for j, other in pending.items():
            if other is not None and other.start() < pos:
                pending[j] = _search(j, text, pos)


_LINE = regex.compile(r"[^\r\n]+")


def protected_spans(text: str) -> list[tuple[int, int, str]]:
    """Sorted (start, end, kind) spans of URLs, emails, @mentions and #hashtags."""
    spans = []
    for kind, m in _alternation(text):
        start, end = m.span()
        if kind == "url":
            while end > start and text[end - 1] in _TRAILING:
                end -= 1
        spans.append((start, end, kind))
    return spans


class PostContext:
    """One post plus its spaCy Doc and derived views, shared by all rules."""

    def __init__(self, post: Post, doc: "Doc", compiler: "Compiler | None" = None) -> None:
        self.post = post
        self.text = post.text
        self.doc = doc
        self._compiler = compiler
        self.extra: dict[str, Any] = {}

    @cached_property
    def folded(self) -> str | None:
        """The text case-folded, for the pattern prefilters (see postlint.prefilter.fold_post)."""
        return fold_post(self.text)

    @cached_property
    def possible_patterns(self) -> set[int]:
        """Ids of the run's pattern prefilters that may match this post (see prefilter.Index)."""
        return self._compiler.prefilters.possible(self.folded) if self._compiler else set()

    @cached_property
    def protected(self) -> list[tuple[int, int, str]]:
        return protected_spans(self.text)

    @cached_property
    def _protected_starts(self) -> list[int]:
        return [s for s, _, _ in self.protected]

    @cached_property
    def _protected_ends(self) -> list[int]:
        return [e for _, e, _ in self.protected]

    def protected_kind(self, start: int, end: int) -> str | None:
        """The kind of the protected span that overlaps [start, end), if any."""
        spans = self.protected
        if not spans:
            return None
        i = bisect.bisect_right(self._protected_starts, start)
        for j in (i - 1, i):
            if 0 <= j < len(spans):
                s, e, kind = spans[j]
                if s < end and start < e:
                    return kind
        return None

    def touches_protected(self, start: int, end: int) -> bool:
        """Whether any protected span overlaps text[start:end]."""
        spans = self.protected
        if not spans:
            return False
        i = bisect.bisect_left(self._protected_ends, start + 1)
        return i < len(spans) and spans[i][0] < end

    def unprotected(self, pattern: Any, start: int = 0, end: int | None = None) -> list[Any]:
        """Matches of `pattern` in text[start:end] that overlap no protected span (those
        `protected_kind` finds nothing for), in one walk along both lists."""
        end = len(self.text) if end is None else end
        matches = pattern.finditer(self.text, start, end)
        if not self.touches_protected(start, end):
            return list(matches)
        spans = self.protected
        out = []
        k, n = 0, len(spans)
        for m in matches:
            m_start, m_end = m.span()
            while k < n and spans[k][1] <= m_start:
                k += 1
            if k == n or m_end <= spans[k][0]:
                out.append(m)
        return out

    def unprotected_texts(self, pattern: Any, start: int = 0, end: int | None = None) -> list[str]:
        """The texts of `unprotected(pattern, start, end)`, for a pattern that never matches
        white space (words): found by `findall` between the runs of text without white space
        that hold a protected span, and match by match only inside those runs. A match cannot
        reach across white space, so each run is searched as the whole text would be."""
        text = self.text
        end = len(text) if end is None else end
        if not self.touches_protected(start, end):
            return pattern.findall(text, start, end)
        out: list[str] = []
        pos = start
        for s, e, _ in self.protected:
            if e <= pos or s >= end:
                continue
            lo, hi = run_around(text, s, e, pos)
            hi = min(hi, end)
            out += pattern.findall(text, pos, lo)
            out += [m.group() for m in self.unprotected(pattern, lo, hi)]
            pos = hi
        out += pattern.findall(text, pos, end)
        return out

    def enclosing_kind(self, start: int, end: int) -> str | None:
        """The kind of the protected span that wholly contains [start, end), if any."""
        spans = self.protected
        i = bisect.bisect_right(self._protected_starts, start) - 1
        if i >= 0:
            s, e, kind = spans[i]
            if s <= start and end <= e:
                return kind
        return None

    @cached_property
    def _matches(self) -> dict[str, list[tuple[int, int]]]:
        return self._compiler.run(self.doc) if self._compiler else {}

    def matched_keys(self) -> Iterable[str]:
        """The keys the shared matchers found anything for in this post."""
        return self._matches.keys()

    def matches(self, key: str) -> list[tuple[int, int]]:
        """Character spans the shared matchers found for `key`, longest first at each start, no overlaps."""
        return self._matches.get(key, [])

    @cached_property
    def split_by_rule(self) -> bool:
        """Whether `sentences` end only after a sentence-ending character (`nlp.sentence_spans`),
        none of which is part of a word, and not where a trained pipeline put them."""
        return self.doc is not None and (len(self.doc) <= 1 or not self.doc.has_annotation("SENT_START"))

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Character spans of sentences, trimmed; a line break also ends a sentence, and so
        does an emoji before a capital ("Awards 🎉 Priya has helped...")."""
        text = self.text
        one_line = "\n" not in text and "\r" not in text
        spans = []
        for start, end in sentence_spans(self.doc):
            lines = [(start, text[start:end])] if one_line else [(m.start(), m.group()) for m in
                                                                  _LINE.finditer(text, start, end)]
            for s, line in lines:
                kept = line.lstrip()
                if kept:
                    spans.append((s + len(line) - len(kept), s + len(line.rstrip())))
        return spans if text.isascii() else _split_at_emoji(text, spans, self)


# An emoji, then white space and a capital: the emoji ends the sentence, as a full stop would.
_EMOJI_END = regex.compile(r"\s+(?=\p{Lu})")


def _split_at_emoji(text: str, spans: list[tuple[int, int]], ctx: "PostContext") -> list[tuple[int, int]]:
    """`spans` with each sentence also ended after an emoji that has words of the sentence
    before it and a word with a capital after it ("...at the Nursing Awards 🎉 Priya has
    helped..."): people write an emoji where a full stop goes."""
    from .emojis import emoji_in

    # (where the emoji starts, where it ends, where the next sentence starts)
    ends = [(s, e, m.end()) for s, e, _ in emoji_in(ctx) if (m := _EMOJI_END.match(text, e))]
    if not ends:
        return spans
    out = []
    k = 0
    for start, end in spans:
        while k < len(ends) and ends[k][1] <= start:
            k += 1
        while k < len(ends) and ends[k][1] < end:
            emoji_start, emoji_end, next_start = ends[k]
            if emoji_start > start:
                out.append((start, emoji_end))
                start = next_start
            k += 1
        out.append((start, end))
    return out
