"""What a finding underlines: the words that break the rule, not the text around
them (the report shows that as context, and a fix rewrites only the match)."""

from __future__ import annotations

import pytest

from postlint.linter import Linter
from postlint.model import Post
from postlint.packs import all_rules


@pytest.fixture(scope="module")
def linter(builtin_packs) -> Linter:
    return Linter(all_rules(builtin_packs))


@pytest.mark.parametrize("rule,text,matches", [
    # the invitation, never the number or address it leads to (confidentiality reports those)
    ("patient-contact.private-channel", "Text me on 07700 900123 if you have questions", ["Text me on"]),
    ("patient-contact.private-channel", "You can reach me at jo.b@example.com any time", ["reach me at"]),
    # a titled name whole, but not the ward after it
    ("confidentiality.patient-details", "Mr Alan Reid, 67, is recovering well", ["Mr Alan Reid"]),
    ("confidentiality.patient-details", "Mrs Jones Ward 7 is doing well after her op", ["Mrs Jones"]),
])
def test_a_finding_underlines_only_its_own_words(linter, rule, text, matches):
    _, findings = next(linter.lint([Post(text=text, path="t")]))
    assert [f.match for f in findings if f.rule == rule] == matches


@pytest.mark.parametrize("rule,text,matches", [
    # a pattern that needs the start of a sentence underlines the sentence's words, not the full stop
    ("conduct.reporting-sick", "Woke up feeling awful.  Off sick again, sorry everyone.", ["Off sick again"]),
    ("conduct.reporting-sick", "Shift swap needed, won't be in today", ["won't be in today"]),
    ("conduct.requesting-leave", "Mum passed away. Need compassionate leave from Monday", ["Need compassionate leave"]),
    ("confidentiality.handling-instruction", "Figures attached, do not publish: thanks", ["do not publish:"]),
    # nor the space a pattern takes in before what must follow it
    ("confidentiality.security-marking", "Notes from today attached CONFIDENTIAL \nThanks", ["CONFIDENTIAL"]),
    ("confidentiality.access-details", "Door code for the staff room: 4821", ["Door code for the staff room:"]),
])
def test_a_finding_starts_and_ends_with_its_words(linter, rule, text, matches):
    _, findings = next(linter.lint([Post(text=text, path="t")]))
    assert [f.match for f in findings if f.rule == rule] == matches


def test_no_finding_on_the_packs_examples_starts_or_ends_with_space_or_a_stop(linter, builtin_packs):
    posts = [Post(text=ex.text, path="t", platform=ex.platform)
             for rule in all_rules(builtin_packs) for ex in rule.flag]
    ragged = sorted({(f.rule, f.match) for _, findings in linter.lint(posts) for f in findings
                     if f.match != f.match.strip() or f.match[:1] in ".,;:!?" and f.match[1:2].isspace()})
    assert ragged == []


def test_a_trimmed_finding_quotes_what_it_underlines(linter):
    _, findings = next(linter.lint([Post(text="CONFIDENTIAL \nBoard papers attached", path="t")]))
    marking = [f for f in findings if f.rule == "confidentiality.security-marking"]
    assert marking and all(f.message.startswith(f"'{f.match}' ") for f in marking)


@pytest.mark.parametrize("text", [
    "NOT FOR PUBLICATION: draft board paper on the stroke pathway",
    "This is NOT FOR PUBLICATION until Monday.",
])
def test_a_marking_in_capitals_is_the_confidentiality_error_not_shouting(linter, text):
    """Telling the writer to put "NOT FOR PUBLICATION" in sentence case would be wrong advice."""
    _, findings = next(linter.lint([Post(text=text, path="t")]))
    assert "confidentiality.handling-instruction" in [f.rule for f in findings]
    assert "all-caps.shouting" not in [f.rule for f in findings]


def test_shouting_beside_a_marking_is_still_shouting(linter):
    _, findings = next(linter.lint([Post(text="Not for publication. Our clinic is CLOSED TODAY", path="t")]))
    assert [f.match for f in findings if f.rule == "all-caps.shouting"] == ["CLOSED TODAY"]
