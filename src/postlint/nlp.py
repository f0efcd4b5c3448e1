"""Builds the spaCy pipeline once per process: a blank English tokenizer with
rule-based parts only, so nothing downloads at run time."""

from __future__ import annotations

import re
from contextlib import nullcontext
from functools import lru_cache
from typing import TYPE_CHECKING, ContextManager

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

# Posts are short, but a 2 MB draft must not be refused by spaCy's default cap.
MAX_LENGTH = 50_000_000
# Strings a run may add to the vocabulary before each batch is tokenized in a memory zone
# (see `batch_zone`): each new word, link or handle adds one, with a lexeme and a tokenizer
# cache entry, which spaCy keeps for good.
VOCAB_GROWTH = 50_000
# Token classes kept per vocabulary (see `_classes`) before they are worked out afresh.
MAX_CLASSES = 200_000


@lru_cache(maxsize=4)
def build_pipeline(model: str | None = None) -> "Language":
    """`spacy.blank("en")` with hashtags kept whole, or a trained pipeline by
    name when one is configured and installed. Sentences are split lazily
    (see `sentence_spans`), only for rules that need them."""
    if model:
        import spacy
        from spacy.util import compile_prefix_regex, compile_suffix_regex

        nlp = spacy.load(model, exclude=["ner", "parser", "lemmatizer", "textcat"])
        nlp.tokenizer.prefix_search = compile_prefix_regex(_prefixes(nlp.Defaults)).search
        nlp.tokenizer.suffix_search = compile_suffix_regex(_suffixes(nlp.Defaults)).search
    else:
        nlp = _blank_english()
    nlp.max_length = MAX_LENGTH
    return nlp


def _prefixes(defaults: type) -> list[str]:
    """spaCy's English prefixes without '#', so that "#FluJab" stays one token."""
    return [p for p in defaults.prefixes if p != "#"]  # type: ignore[attr-defined]


# A full stop after an initialism with "&" ("go to A&E.") ends the sentence: spaCy splits a
# full stop off two capitals (GP.) but not off "&E", so "A&E." stayed one token and the
# sentence ran on into the next.
AMPERSAND_STOP = r"(?<=[A-Z]&[A-Z])\."


def _suffixes(defaults: type) -> list[str]:
    """spaCy's English suffixes and AMPERSAND_STOP."""
    return [*defaults.suffixes, AMPERSAND_STOP]  # type: ignore[attr-defined]


def _blank_english() -> "Language":
    """`spacy.blank("en")` with our prefixes and suffixes from the start: setting
    `prefix_search` on a built tokenizer reloads every special case, which takes longer
    than building it."""
    from spacy.lang.en import English

    class PostDefaults(English.Defaults):  # type: ignore[name-defined,misc]
        prefixes = _prefixes(English.Defaults)
        suffixes = _suffixes(English.Defaults)

    class PostEnglish(English):
        lang = "en"
        Defaults = PostDefaults

    return PostEnglish()


# Token classes for sentence splitting, per vocabulary, by orth id: a word, a sentence-ending
# character (the Sentencizer's punct_chars) or other punctuation; a doc's tokens are read as
# a string of their classes' bytes, in which _AFTER_END finds where sentences end.
_WORD, _END, _PUNCT = 0, 1, 2
_CLASSES: dict[int, tuple[object, dict[int, int]]] = {}
_AFTER_END = re.compile(b"\x01[\x01\x02]*")


def _classes(vocab: object) -> dict[int, int]:
    """The token classes of one vocabulary (kept with it, so its id is not reused), begun
    afresh past MAX_CLASSES: a long run of posts keeps meeting words."""
    entry = _CLASSES.get(id(vocab))
    if entry is None or len(entry[1]) > MAX_CLASSES:
        entry = _CLASSES[id(vocab)] = (vocab, {})
    return entry[1]


def batch_zone(nlp: "Language", baseline: int) -> ContextManager[object]:
    """The block to tokenize and lint one batch of posts in, so that a long run's memory
    stays flat: nothing while the vocabulary holds fewer than VOCAB_GROWTH strings more than
    `baseline` (its size once the linter was built), then a spaCy memory zone, which drops
    what the batch added. Not from the start: in a zone the tokenizer caches nothing new, and
    a run whose posts share their words (the benchmark's) takes about half as long again."""
    if len(nlp.vocab.strings) - baseline < VOCAB_GROWTH:
        return nullcontext()
    return nlp.memory_zone()


@lru_cache(maxsize=1)
def _sentence_ends() -> frozenset[str]:
    from spacy.pipeline import Sentencizer

    return frozenset(Sentencizer.default_punct_chars)


def _class(vocab: "Vocab", orth: int) -> int:
    if vocab.strings[orth] in _sentence_ends():
        return _END
    return _PUNCT if vocab[orth].is_punct else _WORD


def sentence_spans(doc: "Doc") -> list[tuple[int, int]]:
    """(start_char, end_char) of each sentence, as spaCy's rule-based Sentencizer and then
    `doc.sents` give them, without annotating the doc or making a Token per token: a
    sentence starts at the first token after a sentence-ending character that is not
    punctuation, read from the tokens' orth ids (one array), each classed once per run.
    A doc a trained pipeline has split keeps its own sentences."""
    if doc.has_annotation("SENT_START"):
        return [(sent.start_char, sent.end_char) for sent in doc.sents]
    vocab = doc.vocab
    classes = _classes(vocab)
    orths = doc.to_array("ORTH").tolist()
    try:
        kinds = bytes(map(classes.__getitem__, orths))
    except KeyError:
        for orth in orths:
            if orth not in classes:
                classes[orth] = _class(vocab, orth)
        kinds = bytes(map(classes.__getitem__, orths))
    # a sentence-ending token, then any punctuation, then the word that starts the next
    starts = [0, *(m.end() for m in _AFTER_END.finditer(kinds) if m.end() < len(kinds)), len(kinds)]
    spans = []
    for begin, stop in zip(starts, starts[1:]):
        last = doc[stop - 1]
        spans.append((doc[begin].idx, last.idx + len(last)))
    return spans
