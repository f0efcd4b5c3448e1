"""Common English words in capitals ("I HATE the new car park") are shouting, not
acronyms: the shipped word list, the acronym kind's `common_words` and the
capitalisation kind's `common_words` and `keyword_before`."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest
import spacy

from postlint.commonwords import common_words, drawn_out
from postlint.errors import PostlintError
from postlint.kinds.phrases import expand
from postlint.yamlio import load_yaml

WORDS = "mode: words\nmin_words: 2\nmin_letters: 5\n"
# Health and care acronyms, and keywords people are asked to text, that are also English
# words: the list must never make them shouting, nor hide them from the acronym rule.
NOT_LISTED = ["PET", "CAT", "GUM", "SALT", "PEG", "PIP", "ACE", "SAGE", "PALS", "SEND", "NICE", "MIND",
              "AGE", "CAB", "RAG", "ECHO", "LAMP", "PREP", "MASH", "RAID", "BEAT", "CORE", "FAST", "SHOUT",
              "FLU", "JAB", "QUIT", "STAR", "DASH", "LIFT", "HOPE", "SMART", "AMBER", "ACT", "AID", "AIM",
              "ARM", "CHAT", "SAFE", "WARD", "TALK", "FIT", "SAD", "GOLD", "ICE", "CAR", "MAX", "RED",
              "VIDEO", "READ"]


def test_word_list_is_clean():
    text = resources.files("postlint").joinpath("data/common-words.yaml").read_text(encoding="utf-8")
    entries = load_yaml(text)["words"]
    assert all(isinstance(w, str) for w in entries)  # no YAML booleans (yes, true, false)
    forms = [f for w in entries for f in expand(w)]
    assert not [w for w, n in Counter(forms).items() if n > 1]
    assert all(3 <= len(f) <= 7 and f.isalpha() and f.islower() for f in forms)
    assert not set(forms) & spacy.blank("en").Defaults.stop_words
    words = common_words()
    assert {"HATE", "HATED", "LEAVE", "WORST", "KILL"} <= words
    assert not set(NOT_LISTED) & words


@pytest.mark.parametrize("word,drawn", [("SOOO", True), ("MEEE", True), ("ALLL", True), ("sooo", True),
                                         ("AAA", False), ("WWW", False), ("SO", False), ("NHS", False)])
def test_drawn_out(word, drawn):
    assert drawn_out(word) is drawn


def test_common_words_are_shouting_on_their_own(lint_one_rule):
    fields = WORDS + "common_words: true\nallow: [NHS]"
    assert lint_one_rule("capitalisation", fields, "I really HATE the new car park") == ["HATE"]
    assert lint_one_rule("capitalisation", fields, "We are SOOO proud of you") == ["SOOO"]
    assert lint_one_rule("capitalisation", fields, "Ask the NHS about a PET scan or the GUM clinic") == []
    assert lint_one_rule("capitalisation", WORDS, "I really HATE the new car park") == []


def test_a_run_is_underlined_without_the_pronoun_i(lint_one_rule):
    """"I" is always a capital, so it is not part of what is shouted, at either end."""
    fields = WORDS + "common_words: true"
    assert lint_one_rule("capitalisation", fields, "I HATE the new car park") == ["HATE"]
    assert lint_one_rule("capitalisation", fields, "Honestly I LOVE THIS I do") == ["LOVE THIS"]
    assert lint_one_rule("capitalisation", fields, "WHY DID I WAIT so long") == ["WHY DID I WAIT"]


def test_allow_wins_over_a_common_word(lint_one_rule):
    fields = WORDS + "common_words: true\nallow: [LEAVE]"
    assert lint_one_rule("capitalisation", fields, "Take your annual LEAVE before March") == []


def test_a_keyword_to_text_is_not_shouting(lint_one_rule):
    fields = WORDS + "shout_words: [STOP, \"YES\"]\nkeyword_before: [text, reply]"
    assert lint_one_rule("capitalisation", fields, "Text STOP to 60060 to opt out") == []
    assert lint_one_rule("capitalisation", fields, "Reply YES to confirm your appointment") == []
    assert lint_one_rule("capitalisation", fields, "Please STOP calling the surgery") == ["STOP"]
    # only a single word is a keyword: a shouted run after "text" is still shouting
    assert lint_one_rule("capitalisation", fields, "Text STOP CALLING US to 60060") == ["STOP CALLING US"]


def test_a_run_of_capitals_ends_at_a_line_break(lint_one_rule):
    # the heading alone, not the heading and the next line's first word
    assert lint_one_rule("capitalisation", WORDS, "CLINIC CLOSED TODAY\nGP surgeries are open") == [
        "CLINIC CLOSED TODAY"]
    text = "CLINIC CLOSED\r\nPlease use the WALK IN CENTRE on Bond Street instead"
    assert lint_one_rule("capitalisation", WORDS, text) == ["CLINIC CLOSED", "WALK IN CENTRE"]


@pytest.mark.parametrize("field", ["common_words: true", "keyword_before: [text]"])
def test_words_mode_fields_are_refused_in_whole_post_mode(lint_one_rule, field):
    with pytest.raises(PostlintError, match="only applies in words mode"):
        lint_one_rule("capitalisation", "mode: whole-post\n" + field, "LOUD POST")


def test_common_words_are_not_acronyms(lint_one_rule):
    text = "I HATE the new QXZ form, SOOO slow"
    assert lint_one_rule("acronym", "", text) == ["QXZ"]
    assert lint_one_rule("acronym", "common_words: false", text) == ["HATE", "QXZ", "SOOO"]


def test_an_acronym_with_a_meaning_is_flagged_even_if_it_is_a_word(lint_one_rule):
    fields = "meanings: {HATE: Health And Travel Evaluation, SOOO: Some Other Office}"
    assert lint_one_rule("acronym", fields, "Fill in the HATE survey at the SOOO") == ["HATE", "SOOO"]
