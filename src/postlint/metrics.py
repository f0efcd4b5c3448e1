"""Measures a `metric` rule can compare with a limit. Each takes a post's
context and yields (start, end, value) for every place over which it is measured."""

from __future__ import annotations

import math
from functools import lru_cache, partial
from typing import Any, Callable, Iterator

import regex

WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
_VOWEL_GROUPS = regex.compile(r"[aeiouy]+")
_SOUNDED_E = regex.compile(r"(?:[^aeiouy]le|ee|ye)$")

Measure = Callable[[Any], Iterator[tuple[int, int, float]]]


@lru_cache(maxsize=8192)
def syllables(word: str) -> int:
    """Vowel-group count with the common English corrections; good enough for readability formulas."""
    w = word.lower().strip("'’-")
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    # A silent final e ("care", "whole"), but not in "table" or "free" (consonant + le, ee, ye).
    if w.endswith("e") and not _SOUNDED_E.search(w):
        w = w[:-1]
    elif w.endswith(("es", "ed")) and not w.endswith(("ted", "ded", "ses", "ces", "zes", "ges", "ches", "shes", "xes")):
        w = w[:-2]
    return max(1, len(_VOWEL_GROUPS.findall(w)))


def _prose_words(ctx: Any, start: int, end: int) -> list[str]:
    """Words of text[start:end] outside links, handles and hashtags; several measures
    ask for the same sentences, so each span is scanned once per post."""
    memo = ctx.extra.setdefault("prose_words", {})
    words = memo.get((start, end))
    if words is None:
        words = memo[start, end] = ctx.unprotected_texts(WORD, start, end)
    return words


def sentence_words(ctx: Any) -> Iterator[tuple[int, int, float]]:
    """Words in each sentence (links, handles and hashtags are not words)."""
    for start, end in ctx.sentences:
        yield start, end, float(len(_prose_words(ctx, start, end)))


def reading_age(ctx: Any) -> Iterator[tuple[int, int, float]]:
    """UK reading age from the Flesch-Kincaid grade (grade + 5), for the whole post."""
    sentences = [s for s in ctx.sentences if _prose_words(ctx, *s)]
    words = [w for s in sentences for w in _prose_words(ctx, *s)]
    if not sentences or not words:
        return
    syl = sum(map(syllables, words))
    grade = 0.39 * len(words) / len(sentences) + 11.8 * syl / len(words) - 15.59
    start, end = sentences[0][0], sentences[-1][1]
    yield start, end, round(max(grade, 0.0) + 5, 1)


def word_count(ctx: Any) -> Iterator[tuple[int, int, float]]:
    """Prose words in the whole post; lets a metric rule set `min_words` style gates."""
    text = ctx.text.strip()
    if text:
        start = len(ctx.text) - len(ctx.text.lstrip())
        yield start, start + len(text), float(_post_words(ctx))


def _post_words(ctx: Any) -> int:
    """How many prose words the post has. Where its sentences were split by rule (see
    `PostContext.split_by_rule`) no word reaches across two of them, so this is their
    words added up: the sentences are read for the sentence and reading measures anyway,
    and the post need not be read again."""
    if getattr(ctx, "split_by_rule", False):
        return sum(len(_prose_words(ctx, start, end)) for start, end in ctx.sentences)
    return len(_prose_words(ctx, 0, len(ctx.text)))


def prose_word_count(ctx: Any) -> int:
    """Prose words in the whole post (0 for an empty one): the `min_words` gate of several kinds."""
    return int(next(word_count(ctx), (0, 0, 0.0))[2])


def smog_age(ctx: Any) -> Iterator[tuple[int, int, float]]:
    """UK reading age from the SMOG grade (grade + 5), for the whole post."""
    sentences = [s for s in ctx.sentences if _prose_words(ctx, *s)]
    if not sentences:
        return
    poly = sum(1 for s in sentences for w in _prose_words(ctx, *s) if syllables(w) >= 3)
    grade = 1.0430 * math.sqrt(poly * 30 / len(sentences)) + 3.1291
    yield sentences[0][0], sentences[-1][1], round(grade + 5, 1)


def _spread(spans: list[tuple[int, int]]) -> Iterator[tuple[int, int, float]]:
    """One measurement for a list of items: how many, over the span from the first to the last."""
    if spans:
        yield spans[0][0], spans[-1][1], float(len(spans))


def _count(kind: str, ctx: Any) -> Iterator[tuple[int, int, float]]:
    """Number of protected spans of one kind (hashtags, mentions, links) in the post."""
    return _spread([(s, e) for s, e, k in ctx.protected if k == kind])


def _counter(kind: str) -> Measure:
    """The `_count` measure for one kind of protected span."""
    return partial(_count, kind)


def emoji_count(ctx: Any) -> Iterator[tuple[int, int, float]]:
    """Emoji in the post; a family or a flag is one."""
    from .emojis import emoji_in

    return _spread([(s, e) for s, e, _ in emoji_in(ctx)])


METRICS: dict[str, Measure] = {
    "sentence-words": sentence_words,
    "reading-age": reading_age,
    "smog-reading-age": smog_age,
    "words": word_count,
    "hashtags": _counter("hashtag"),
    "mentions": _counter("mention"),
    "links": _counter("url"),
    "emoji": emoji_count,
}
