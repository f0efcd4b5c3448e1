"""Where postlint's tokens and sentences depart from `spacy.blank("en")`, and why it
matters to rules: a hashtag stays one token, a full stop after "A&E" ends a sentence, and
so does an emoji written where a full stop goes."""

from __future__ import annotations

import pytest

from postlint.context import PostContext
from postlint.model import Post
from postlint.nlp import build_pipeline


def sentences(text: str) -> list[str]:
    ctx = PostContext(Post(text=text, path="t"), build_pipeline()(text))
    return [text[s:e] for s, e in ctx.sentences]


def test_a_hashtag_is_one_token():
    assert [t.text for t in build_pipeline()("Get your #FluJab now")] == ["Get", "your", "#FluJab", "now"]


@pytest.mark.parametrize("text,expected", [
    ("If you have sepsis symptoms, go to A&E. Symptoms include slurred speech.",
     ["If you have sepsis symptoms, go to A&E.", "Symptoms include slurred speech."]),
    ("Questions? Join our Q&A. It starts at 6pm.", ["Questions?", "Join our Q&A.", "It starts at 6pm."]),
    ("A&E, urgent treatment centres and NHS 111 are here for you.",
     ["A&E, urgent treatment centres and NHS 111 are here for you."]),
    # abbreviations spaCy keeps whole still do not end a sentence
    ("Talk to Dr. Patel about it.", ["Talk to Dr. Patel about it."]),
])
def test_a_full_stop_after_an_ampersand_initialism_ends_the_sentence(text, expected):
    assert sentences(text) == expected


def test_a_and_e_is_one_token_before_its_full_stop():
    assert [t.text for t in build_pipeline()("Go to A&E.")] == ["Go", "to", "A&E", "."]


@pytest.mark.parametrize("text,expected", [
    ("Meet Priya at the Nursing Awards 🎉 Priya has helped 120 care homes.",
     ["Meet Priya at the Nursing Awards 🎉", "Priya has helped 120 care homes."]),
    ("Great news 🎉🎉 We won. Book now", ["Great news 🎉🎉", "We won.", "Book now"]),
    # an emoji before a word in lower case, or starting the sentence, ends nothing
    ("Flu season 🤧 book your vaccine", ["Flu season 🤧 book your vaccine"]),
    ("🎉 Hello Stoke", ["🎉 Hello Stoke"]),
])
def test_an_emoji_before_a_capital_ends_a_sentence(text, expected):
    assert sentences(text) == expected
