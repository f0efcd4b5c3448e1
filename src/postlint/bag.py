"""A post as a linear model reads it: its words and pairs of neighbouring words,
lower-cased, with links, handles and numbers made general ("@someone" is `@`, a
link `<url>`, "10:40" is `0 : 0`). The `classifier` kind scores posts with it and
`benchmarks/train_classifier.py` trains on it, so both must read a post the same
way: this module is the one place that says how."""

from __future__ import annotations

from typing import Iterator

import regex

# In this order: a link, a handle, a hashtag, a word (with its "'s" or "n't"), a number,
# any other character that is not white space (punctuation and emoji, one at a time).
_TOKEN = regex.compile(r"""(?:https?://|www\.)\S+|@\w+|\#\w+|[\p{L}\p{M}]+(?:['’][\p{L}]+)?|\d+|[^\s\w]""",
                       regex.IGNORECASE)
BIAS = "<bias>"


def tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """Each token of `text` as the model reads it, with its span."""
    for m in _TOKEN.finditer(text):
        word = m.group()
        first = word[0]
        if first == "@":
            word = "@"
        elif first == "#":
            word = word.lower()
        elif first.isdigit():
            word = "0"
        elif word[:4].lower() in ("http", "www."):
            word = "<url>"
        else:
            word = word.lower().replace("’", "'")
        yield word, m.start(), m.end()


def features(words: list[str]) -> set[str]:
    """The model's features for a run of tokens: each word, each pair of neighbours
    ("so done", "done with"), and the bias, which every post has."""
    found = set(words)
    found.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    found.add(BIAS)
    return found


def post_features(text: str) -> set[str]:
    """`features` of a whole post."""
    return features([w for w, _, _ in tokens(text)])
