"""A post as a linear model reads it: its words and pairs of neighbouring words,
lower-cased, with links, handles and numbers made general ("@someone" is `@`, a
link `<url>`, "10:40" is `0 : 0`). The `classifier` kind scores posts with it and
`benchmarks/train_classifier.py` trains on it, so both must read a post the same
way: this module is the one place that says how."""

from __future__ import annotations

from functools import lru_cache
from itertools import chain

import regex

# Tokens without a Python step per token: links (and words that start "http"), handles
# and numbers are replaced in the text first (a number in a hashtag is part of it), the
# text is lower-cased with curly apostrophes made straight, and what is left is split in
# one pass: a hashtag, a word (with its "'s" or "n't"), or any other character that is
# not white space (punctuation and emoji, one at a time).
_LINK = regex.compile(r"(?<![@\#]\w*)(?:(?:https?://|www\.)\S+|(?<![\p{L}\p{M}])http[\p{L}\p{M}]*(?:['’]\p{L}+)?)",
                      regex.IGNORECASE)
_HANDLE = regex.compile(r"@\w+")
_NUMBER = regex.compile(r"(?<!\#\w*)\d+")
# (words first, the commonest; no two branches start with the same character but the last)
_PLAIN = regex.compile(r"""[\p{L}\p{M}]+(?:'[\p{L}]+)?|\x00|@|\#\w+|0|[^\s\w]""")
LINK = "<url>"  # what a link reads as (\x00 stands for it while the text is split)
BIAS = "<bias>"  # the feature every post has


# No token and no substitution reaches across white space, so a post's tokens are its
# chunks' (runs without white space) one after another; chunks recur from post to post,
# so each one's tokens are remembered. `str.split` finds the chunks about three times as
# fast as the regex, and splits at the same white space but for four control characters
# (the file, group, record and unit separators), which only the regex is given.
_CHUNK = regex.compile(r"\S+")
_SPLIT_ONLY_BY_STR = regex.compile(r"[\x1c-\x1f]")


def words(text: str) -> list[str]:
    """The tokens of `text` as the model reads them."""
    chunks = _CHUNK.findall(text) if _SPLIT_ONLY_BY_STR.search(text) else text.split()
    return list(chain.from_iterable(map(_chunk_tokens, chunks)))


@lru_cache(maxsize=50_000)
def _chunk_tokens(chunk: str) -> tuple[str, ...]:
    return tuple(chunk_words(chunk))


def chunk_words(text: str) -> list[str]:
    """The tokens of a text as the model reads them, found from the whole of it."""
    low = text.lower()
    if "http" in low or "www." in low:  # every link has one (most posts have no link)
        text = _LINK.sub(" \x00 ", text)
    if "@" in text:
        text = _HANDLE.sub(" @ ", text)
    text = _NUMBER.sub(" 0 ", text)
    text = text.lower().replace("’", "'")
    found = _PLAIN.findall(text)
    return [LINK if w == "\x00" else w for w in found] if "\x00" in text else found


def features(words: list[str]) -> set[str]:
    """The model's features for a run of tokens: each word, each pair of neighbours
    ("so done", "done with"), and the bias, which every post has."""
    found = set(words)
    found.update(map(" ".join, zip(words, words[1:])))
    found.add(BIAS)
    return found


def post_features(text: str) -> set[str]:
    """`features` of a whole post."""
    return features(words(text))
