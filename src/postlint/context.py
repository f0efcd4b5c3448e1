"""Everything a rule may look at for one post, computed lazily and at most once."""

from __future__ import annotations

import bisect
from functools import cached_property
from typing import TYPE_CHECKING, Any

import regex

from .model import Post

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .matching import Compiler

# Parts of a post that are not prose: links, addresses, handles and hashtags.
# Rules skip matches inside them unless they say otherwise (`ignore_in`).
_TRAILING = ".,;:!?)]}'\"’”"
PROTECTED = regex.compile(
    r"""
    (?P<url>(?:https?://|www\.)[^\s<>"]+
        |(?<![\w@.\-/])(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+
           (?:uk|com|org|net|gov|nhs|io|ly|co|me|info|scot|wales|eu|int)\b(?:/[^\s<>"]*)?)
    |(?P<email>(?<![\w.+\-])[\w.+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+)
    |(?P<mention>(?<![\w@])@\w{1,50})
    |(?P<hashtag>(?<![\w#&])\#\w*[^\W\d_]\w*)
    """,
    regex.VERBOSE | regex.IGNORECASE,
)


_LINE = regex.compile(r"[^\r\n]+")


def protected_spans(text: str) -> list[tuple[int, int, str]]:
    """Sorted (start, end, kind) spans of URLs, emails, @mentions and #hashtags."""
    spans = []
    for m in PROTECTED.finditer(text):
        kind = m.lastgroup or "url"
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
    def protected(self) -> list[tuple[int, int, str]]:
        return protected_spans(self.text)

    @cached_property
    def _protected_starts(self) -> list[int]:
        return [s for s, _, _ in self.protected]

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

    def matches(self, key: str) -> list[tuple[int, int]]:
        """Character spans the shared matchers found for `key`, longest first at each start, no overlaps."""
        return self._matches.get(key, [])

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Character spans of sentences, trimmed; a line break also ends a sentence."""
        from .nlp import sentencizer

        doc = self.doc
        if not doc.has_annotation("SENT_START"):
            doc = sentencizer()(doc)
        text = self.text
        spans = []
        for sent in doc.sents:
            start = sent.start_char
            for m in _LINE.finditer(text, start, sent.end_char):
                line = m.group()
                if line.strip():
                    s, e = m.span()
                    spans.append((s + len(line) - len(line.lstrip()), e - len(line) + len(line.rstrip())))
        return spans
