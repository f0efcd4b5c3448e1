"""The substitution kind's `except` (phrases inside which a swap is not flagged)
and `defined` (a phrase spelled out before its acronym in brackets is explained)."""

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
