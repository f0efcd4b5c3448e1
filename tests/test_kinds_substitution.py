"""The substitution kind's `except` (phrases inside which a swap is not flagged),
`defined` (a phrase spelled out before its acronym in brackets is explained) and
`titles` (a phrase in a job title or a body's name is a name)."""

from __future__ import annotations

SWAPS = """swaps:
  commissioning: planning and paying for services
  primary care network(s): local GP surgeries working together
"""


def test_except_phrases_hide_a_swap_inside_them(lint_one_rule):
    text = "ICBs replaced clinical commissioning groups. Commissioning is now the ICB's job."
    excepted = SWAPS + "except: [clinical commissioning group(s)]"
    assert lint_one_rule("substitution", excepted, text) == ["Commissioning"]
    assert lint_one_rule("substitution", SWAPS, text) == ["commissioning", "Commissioning"]


def test_defined_skips_a_long_form_followed_by_its_acronym(lint_one_rule):
    text = "Primary care networks (PCNs) are groups of practices. Your primary care network can help."
    assert lint_one_rule("substitution", SWAPS + "defined: true", text) == ["primary care network"]
    assert lint_one_rule("substitution", SWAPS, text) == ["Primary care networks", "primary care network"]


def test_defined_needs_the_acronym_letters_to_match(lint_one_rule):
    text = "Our primary care network (GP) is busy."
    assert lint_one_rule("substitution", SWAPS + "defined: true", text) == ["primary care network"]


TITLED = """swaps:
  primary care: GP surgeries and pharmacies
  commissioning: planning and paying for services
  transformation team: the team improving services
titles: [head, director, team, committee]
"""
UNTITLED = TITLED.replace("[head, director, team, committee]", "[]")


def test_a_phrase_in_a_job_title_or_a_body_name_is_a_name(lint_one_rule):
    for text in ["Meet Sarah, our Head of Primary Care.",
                 "Raj is Deputy Director of Commissioning.",
                 "The Primary Care Commissioning Committee meets on Tuesday.",
                 "Our Transformation Team won an award.",
                 "Join our Primary Care Commissioning team as a Senior Programme Manager."]:
        assert lint_one_rule("substitution", TITLED, text) == [], text
        assert lint_one_rule("substitution", UNTITLED, text) != [], text


def test_a_phrase_outside_a_title_is_still_jargon(lint_one_rule):
    # in lower case, capitalised without a role, or with the role not next to it
    assert lint_one_rule("substitution", TITLED, "The head of the trust says primary care is busy.") == ["primary care"]
    assert lint_one_rule("substitution", TITLED, "Our Primary Care colleagues are busy.") == ["Primary Care"]
    assert lint_one_rule("substitution", TITLED, "Join the transformation team today.") == ["transformation team"]
    assert lint_one_rule("substitution", TITLED, "Primary Care. Team news follows.") == ["Primary Care"]
