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
    if model:
        import spacy
        from spacy.util import compile_prefix_regex

        nlp = spacy.load(model, exclude=["ner", "parser", "lemmatizer", "textcat"])
        nlp.tokenizer.prefix_search = compile_prefix_regex(_prefixes(nlp.Defaults)).search
    else:
        nlp = _blank_english()
    nlp.max_length = MAX_LENGTH
    return nlp


def _prefixes(defaults: type) -> list[str]:
    """spaCy's English prefixes without '#', so that "#FluJab" stays one token."""
    return [p for p in defaults.prefixes if p != "#"]  # type: ignore[attr-defined]


def _blank_english() -> "Language":
    """`spacy.blank("en")` with our prefixes from the start: setting `prefix_search` on a
    built tokenizer reloads every special case, which takes longer than building it."""
    from spacy.lang.en import English

    class PostDefaults(English.Defaults):  # type: ignore[name-defined,misc]
        prefixes = _prefixes(English.Defaults)

    class PostEnglish(English):
        lang = "en"
        Defaults = PostDefaults

    return PostEnglish()


@lru_cache(maxsize=1)
def sentencizer() -> Callable[["Doc"], "Doc"]:
    """spaCy's rule-based sentencizer, run on demand by rules that count sentences."""
    from spacy.pipeline import Sentencizer

    return Sentencizer()
