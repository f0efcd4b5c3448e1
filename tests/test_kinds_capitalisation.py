"""The capitalisation kind's words mode: shout words, and long capitalised words
(`shout_length`) that are shouting on their own while short acronyms are not."""

from __future__ import annotations

import pytest

from postlint.errors import PostlintError

WORDS = "mode: words\nmin_words: 2\nmin_letters: 5\n"


def test_long_capitalised_word_is_shouting_on_its_own(lint_one_rule):
    fields = WORDS + "shout_length: 6"
    assert lint_one_rule("capitalisation", fields, "Our phone lines are EXTREMELY busy today.") == ["EXTREMELY"]
    assert lint_one_rule("capitalisation", fields, "Ask the UKHSA or CAMHS team for advice.") == []


def test_without_shout_length_a_single_word_needs_the_list(lint_one_rule):
    text = "Our phone lines are EXTREMELY busy today."
    assert lint_one_rule("capitalisation", WORDS, text) == []
    assert lint_one_rule("capitalisation", WORDS + "shout_words: [EXTREMELY]", text) == ["EXTREMELY"]


def test_shout_length_is_refused_in_whole_post_mode(lint_one_rule):
    with pytest.raises(PostlintError, match="field 'shout_length': only applies in words mode"):
        lint_one_rule("capitalisation", "mode: whole-post\nshout_length: 6", "LOUD POST")
