"""Relevance: a post long enough to judge that uses none of a topic vocabulary
(health, care, the NHS, the organisation's business) is probably off-brand.
The vocabulary is data: the rule's `words` plus the profile's `topic_words`,
names and handles. Words that are the organisation's business but also everyday
talk ("our office", "the team", "we're moving") can be listed as `context`: they
make a post on-topic only when it uses no `chatter` word, so "Our team's fantasy
football league" is still judged off-topic."""

from __future__ import annotations

from typing import Any, Callable, Iterator

import regex

from ..metrics import prose_word_count
from ..model import Hit
from .base import Field, Kind, optional_str_list, positive, str_list
from .vocabulary import Embedded, Vocabulary, embedded_regex, profile_handles, profile_names, vocabulary_regex

# "#GetVaccinated" and "@NHSEngland" read as "Get Vaccinated", "NHS England".
_CAMEL = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|[#@_]")


def _split(ctx: Any) -> str:
    """The post with run-together words (#FluJab, @StaffsICB) split, worked out once a post
    for the chatter, context and vocabulary checks."""
    split = ctx.extra.get("topic_split")
    if split is None:
        split = ctx.extra["topic_split"] = _CAMEL.sub(" ", ctx.text)
    return split


def _texts(ctx: Any) -> Iterator[str]:
    """The post, then the post with run-together words split when that differs (split
    only when asked for: most posts are settled by their own words)."""
    yield ctx.text
    split = _split(ctx)
    if split != ctx.text:
        yield split


class Topic(Kind):
    name = "topic"
    summary = "flags a post that uses none of a topic vocabulary (plus the profile's topic_words)"
    fields = (
        Field("words", (list,), required=True, check=str_list,
              doc='on-topic words and phrases; "nurse(s)" expands, "vaccin*" matches any ending'),
        Field("min_words", (int,), default=8, check=positive,
              doc="shorter posts are not judged: too little to tell"),
        Field("chatter", (list,), default=[], check=optional_str_list,
              doc="everyday chatter (weekend, football, recipe): a post shorter than min_words that uses "
                  "one, and no topic word, is judged too, unless it shares a link or replies to someone"),
        Field("context", (list,), default=[], check=optional_str_list,
              doc="words of the organisation's business that are also everyday talk (office, team, "
                  "we're moving): they make a post on-topic only when it uses no chatter word"),
    )
    placeholders = frozenset({"match", "count"})

    def setup(self, line_of: Callable[[str], int]) -> None:
        self._entries: list[str] = list(self.params["words"])
        self._vocabulary: tuple[Vocabulary | None, Embedded | None] | None = None
        self.chatter = vocabulary_regex(self.params["chatter"]) if self.params["chatter"] else None
        self.context = vocabulary_regex(self.params["context"]) if self.params["context"] else None

    def prepare(self, compiler: Any) -> None:
        profile = compiler.profile
        extra = [w for w in profile.get("topic_words") or [] if isinstance(w, str)]
        extra += list(profile_names(profile)) + [h.lstrip("@") for h in profile_handles(profile)]
        self._entries = [*self.params["words"], *extra]
        self._vocabulary = None

    def _built(self) -> tuple[Vocabulary | None, Embedded | None]:
        """The vocabulary and the embedded-word pattern, built when first needed (a pack is
        loaded far more often than this rule runs)."""
        if self._vocabulary is None:
            self._vocabulary = (vocabulary_regex(self._entries), embedded_regex(self._entries))
        return self._vocabulary

    @property
    def vocabulary(self) -> Vocabulary | None:
        return self._built()[0]

    @property
    def embedded(self) -> Embedded | None:
        return self._built()[1]

    def check(self, ctx: Any) -> Iterator[Hit]:
        text = ctx.text
        count = prose_word_count(ctx)
        if not count or (count < self.params["min_words"] and not self._chatter(ctx)):
            return
        if self._on_topic(ctx) or self._in_context(ctx):
            return
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        yield Hit(start, end, {"match": text[start:end], "count": count})

    def _chatter(self, ctx: Any) -> bool:
        """A short post is judged when it uses a chatter word, shares no link and is not a
        reply: "Who's watching the match tonight?" is off-topic however short it is."""
        if self.chatter is None or not self.chatter.contains(_split(ctx)):
            return False
        first = len(ctx.text) - len(ctx.text.lstrip())
        return not any(kind == "url" or (kind == "mention" and start == first)
                       for start, _, kind in ctx.protected)

    def _in_context(self, ctx: Any) -> bool:
        """Whether the post uses a context word and no chatter word: "Our offices close at
        noon" is the organisation's business, "Office debate: best crisps?" is chat. A chatter
        word inside a context phrase ("weather" in "cold weather") is part of that phrase."""
        if self.context is None:
            return False
        if not any(map(self.context.contains, _texts(ctx))):
            return False
        split = _split(ctx)
        if self.chatter is None or not self.chatter.contains(split):
            return True
        phrases = [m.span() for m in self.context.regex.finditer(split)]
        return all(any(s <= m.start() and m.end() <= e for s, e in phrases)
                   for m in self.chatter.regex.finditer(split))

    def _on_topic(self, ctx: Any) -> bool:
        text = ctx.text
        vocabulary = self.vocabulary
        if vocabulary is not None and any(map(vocabulary.contains, _texts(ctx))):
            return True
        tags = [text[s:e] for s, e, kind in ctx.protected if kind in ("hashtag", "mention")]
        return self.embedded is not None and any(map(self.embedded.contains, tags))
