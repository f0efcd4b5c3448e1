"""Each platform's counting against known examples: X's twitter-text v3
conformance values (domain facts §5.1) and the grapheme and UTF-16 counts."""

from __future__ import annotations

import pytest

from postlint.counting import length, measure, x_links
from postlint.kinds.length import part_span

FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466"


@pytest.mark.parametrize("text,expected", [
    # twitter-text v3 conformance (WeightedTweetsWithDiscountedEmojiCounterTest)
    ("😷👾😡🔥💩", 10),
    ("🙋🏽👨\u200d🎤", 4),
    ("H🐱☺" + FAMILY, 7),
    (FAMILY * 140, 280),
    ("1\u20e3", 2),
    ("Hi http://test.co", 26),
    ("http://test.co", 23),
    ("故" * 160, 320),
    # the light ranges: Latin and typographic punctuation 1, other symbols 2
    ("£é–—’“", 6),
    ("€…•→™№✓", 14),
    # NFC first: a decomposed accent is one character
    ("A\u0301B", 2),
    # links: each 23, with or without a scheme
    ("test.com", 23),
    ("www.nhs.uk", 23),
    ("nhs.uk/flu", 23),
    ("111.nhs.uk", 23),
    ("Test https://test.com test https://test.com test.com test", 86),
    ("https://www.twitter.com/aloha " * 10, 240),
    # not links: a lone name before a country code, an email, a label over 63 characters
    ("nhs.uk", 6),
    ("email@nhs.uk", 12),
    ("x" * 64 + ".com", 68),
    # flags, subdivision flags and skin tones are one emoji each
    ("🇬🇧🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f👍🏾", 6),
    # a text-style symbol is a character, not an emoji, without U+FE0F
    ("©", 1),
    ("©\ufe0f", 2),
])
def test_x_weighted_length(text, expected):
    assert length(text, "x-weighted") == expected


def test_x_overflow_offset_points_at_the_first_character_past_the_limit():
    text = "a" * 279 + "é€b"
    total, cut = measure(text, "x-weighted", 280)
    assert total == 283 and cut == 280  # é fits (281st would be €)


def test_x_link_keeps_balanced_brackets_and_drops_trailing_punctuation():
    text = "See https://en.wikipedia.org/wiki/Flu_(disease). Or www.nhs.uk, today"
    spans = [text[s:e] for s, e in x_links(text)]
    assert spans == ["https://en.wikipedia.org/wiki/Flu_(disease)", "www.nhs.uk"]


@pytest.mark.parametrize("text,counting,expected", [
    (FAMILY * 3, "graphemes", 3),
    ("🇬🇧 flag", "graphemes", 6),
    ("e\u0301", "graphemes", 1),
    ("💉 jab", "utf16", 6),
    ("café", "utf16", 4),
    ("💉 jab", "code-points", 5),
])
def test_other_counters(text, counting, expected):
    assert length(text, counting) == expected


@pytest.mark.parametrize("text,part,expected", [
    ("Title here\n\nThe description.\n", "first-line", "Title here"),
    ("Title here\n\nThe description.\n", "after-first-line", "The description."),
    ("  \nTitle\r\nBody", "first-line", "Title"),
    ("Only a title", "after-first-line", None),
    ("Whole post \n", "whole", "Whole post"),
])
def test_youtube_parts(text, part, expected):
    span = part_span(text, part)
    assert (text[span[0]:span[1]] if span else None) == expected
