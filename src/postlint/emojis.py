"""Finding emoji in text the way a reader sees them: one emoji per sequence
(ZWJ families, skin tones, keycaps, flags), and a text-style symbol such as
© or ™ only when U+FE0F asks for emoji presentation (twemoji does the same)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import regex

# The emoji package (its data takes a while to import) is imported only for posts that
# have any non-ASCII text: see emoji_spans.

VS16 = "\ufe0f"
_PRESENTATION = regex.compile(r"\p{Emoji_Presentation}")
# Variation selectors and skin-tone modifiers: the same emoji whatever the tone.
_VARIANTS = regex.compile(r"[\ufe0e\ufe0f\U0001F3FB-\U0001F3FF]")


# Runs of characters that can belong to an emoji sequence. Every emoji has a non-ASCII
# character, and the only ASCII ones in any (keycaps) are #, * and digits, so any other
# ASCII character ends a run, and the emoji package's tokenizer never looks across one.
_RUN = regex.compile(r"[^\x00-\x22\x24-\x29\x2b-\x2f\x3a-\x7f]+")


def emoji_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, emoji) for each emoji in `text`, in order."""
    if text.isascii():
        return []
    out = []
    for run in _RUN.finditer(text):
        if run.group().isascii():
            continue
        offset = run.start()
        for start, end, seq in _in_run(run.group()):
            start, end = start + offset, end + offset
            if len(seq) == 1 and not _PRESENTATION.match(seq):
                if text[end:end + 1] != VS16:
                    continue
                end += 1
                seq += VS16
            out.append((start, end, seq))
    return out


@lru_cache(maxsize=4096)
def _in_run(run: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, emoji) as the emoji package finds them in one run: remembered, since
    posts use the same few emoji again and again and its tokenizer is Python."""
    import emoji

    return tuple((f["match_start"], f["match_end"], f["emoji"]) for f in emoji.emoji_list(run))


def emoji_in(ctx: Any) -> list[tuple[int, int, str]]:
    """`emoji_spans` of a post, computed once per post and shared by every rule."""
    found = ctx.extra.get("emoji")
    if found is None:
        found = ctx.extra["emoji"] = emoji_spans(ctx.text)
    return found


def base(seq: str) -> str:
    """The emoji without variation selectors or skin tone, for spotting repeats."""
    return _VARIANTS.sub("", seq) or seq


@lru_cache(maxsize=512)
def name(seq: str) -> str:
    """What a screen reader would say, roughly: the CLDR short name ("clapping hands")."""
    import emoji

    text = emoji.demojize(base(seq), delimiters=("", ""))
    return text.replace("_", " ").strip() or seq
