"""Builds the spaCy pipeline once per process: a blank English tokenizer with
rule-based parts only, so nothing downloads at run time."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Posts are short, but a 2 MB draft must not be refused by spaCy's default cap.
MAX_LENGTH = 50_000_000


@lru_cache(maxsize=4)
def build_pipeline(model: str | None = None) -> "Language":
    """`spacy.blank("en")` with hashtags kept whole, or a trained pipeline by
    name when one is configured and installed. Sentences are split lazily
    (see `sentencizer`), only for rules that need them."""
    import spacy
    from spacy.util import compile_prefix_regex

    if model:
        nlp = spacy.load(model, exclude=["ner", "parser", "lemmatizer", "textcat"])
    else:
        nlp = spacy.blank("en")
    # '#' is a prefix in spaCy's English defaults; removing it keeps "#FluJab" one token.
    prefixes = [p for p in nlp.Defaults.prefixes if p != "#"]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.max_length = MAX_LENGTH
    return nlp


@lru_cache(maxsize=1)
def sentencizer() -> Callable[["Doc"], "Doc"]:
    """spaCy's rule-based sentencizer, run on demand by rules that count sentences."""
    from spacy.pipeline import Sentencizer

    return Sentencizer()
