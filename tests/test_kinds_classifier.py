"""The classifier kind: a post is flagged when its bias plus the weights of its words
and word pairs (postlint.bag) reach the threshold; the finding points at the sentence
that weighs most and names the heaviest words; a malformed rule is a pack error naming
the file and field."""

from __future__ import annotations

import pytest

from postlint.bag import post_features, words

RULE = """bias: -1
threshold: 1
weights:
  fuming: 1.5
  rota: 0.5
  "the rota": 0.5
  "if you": -2
  "@": 0.25
"""


def test_words_and_pairs_add_up_to_the_threshold(lint_one_rule):
    assert lint_one_rule("classifier", RULE, "Fuming about the rota.") == ["Fuming about the rota."]
    assert lint_one_rule("classifier", RULE, "Fuming about my shift.") == []  # -1 + 1.5 < 1
    assert lint_one_rule("classifier", RULE, "FUMING about rota") == ["FUMING about rota"]  # case is folded


def test_negative_weights_count_against(lint_one_rule):
    assert lint_one_rule("classifier", RULE, "Fuming about the rota? If you are, talk to us.") == []


def test_the_finding_is_the_sentence_that_weighs_most(lint_one_rule):
    text = "Lovely morning. Fuming about the rota again. See you later."
    assert lint_one_rule("classifier", RULE, text) == ["Fuming about the rota again."]


def test_message_names_the_heaviest_words_once_each(lint_one_rule):
    got = lint_one_rule("classifier", RULE + "evidence: 2", "@jo fuming about the rota", message="{evidence}",
                        report="message")
    assert got == ["'fuming', 'the rota'"]  # on a tie the pair wins and "rota" is part of it; "@" means nothing to a reader


def test_the_bias_may_also_be_a_weight(lint_one_rule):
    rule = RULE.replace("bias: -1\n", "") + '  "<bias>": -1\n'
    assert lint_one_rule("classifier", rule, "Fuming about my shift.") == []
    assert lint_one_rule("classifier", rule, "Fuming about the rota.") == ["Fuming about the rota."]


def test_weights_of_any_size_are_summed(lint_one_rule):
    huge = RULE.replace("fuming: 1.5", "fuming: .inf").replace("rota: 0.5", "rota: 1.0e-9")
    assert lint_one_rule("classifier", huge, "Fuming about my shift.") == ["Fuming about my shift."]
    assert lint_one_rule("classifier", huge, "About my shift.") == []


def test_the_bag_makes_handles_links_and_numbers_general():
    assert words("@Jo_B see https://x.org at 10:40 #Rota2 don’t http…") == [
        "@", "see", "<url>", "at", "0", ":", "0", "#rota2", "don't", "<url>", "…"]
    assert {"don't worry", "<bias>", "worry"} <= post_features("Don’t worry")


@pytest.mark.parametrize("fields, problem", [
    ("threshold: 1\nweights: {}", "field 'weights': must give at least one feature a weight"),
    ("threshold: 1\nweights: {fuming: high}", "field 'weights': 'fuming': expected a number"),
    ("threshold: 1\nweights: {fuming: true}", "field 'weights': 'fuming': expected a number"),
    ("threshold: 1\nweights: [fuming]", "field 'weights': expected a mapping"),
    ("weights: {fuming: 1}", "field 'threshold': is required"),
    ("threshold: high\nweights: {fuming: 1}", "field 'threshold': expected a whole number or a number"),
    ("threshold: 1\nevidence: 0\nweights: {fuming: 1}", "field 'evidence': must be greater than 0"),
])
def test_malformed_rules_are_pack_errors_naming_file_and_field(pack_error, fields, problem):
    assert problem in pack_error("classifier", fields)
