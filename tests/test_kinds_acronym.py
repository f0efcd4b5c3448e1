"""The acronym kind: definitions in either order, the well-known and profile lists,
and the places capitals are not acronyms."""

from __future__ import annotations

import pytest

from postlint.kinds.acronym import long_form
from postlint.linter import Linter
from postlint.model import Post
from postlint.packs import load_packs, select_rules


@pytest.fixture(scope="module")
def rules():
    return select_rules([r for p in load_packs() for r in p.rules], ["nhs-jargon.unexplained-acronym"])


@pytest.fixture(scope="module")
def linter(rules):
    return Linter(rules)


def found(linter: Linter, text: str) -> list[str]:
    _, findings = next(linter.lint([Post(text=text, path="t")]))
    return [f.match for f in findings]


@pytest.mark.parametrize("short,text,ok", [
    ("PCN", "primary care network", True),
    ("UEC", "urgent and emergency care", True),
    ("MDT", "our multidisciplinary team", True),
    ("RTT", "referral to treatment", True),
    ("UTC", "Call your GP surgery", False),
    ("ICS", "see our website", False),
])
def test_long_form(short, text, ok):
    assert long_form(short, text) is ok


def test_defined_before_or_after_passes_and_covers_later_uses(linter):
    assert found(linter, "Primary care networks (PCNs) are hiring. Ask your PCN.") == []
    assert found(linter, "The SDEC (same day emergency care) unit is open. SDEC saves a stay.") == []


def test_only_the_first_unexplained_use_is_flagged_with_its_meaning(linter):
    _, findings = next(linter.lint([Post(text="Our PCNs are busy. PCN teams are working hard.", path="t")]))
    assert [f.match for f in findings] == ["PCNs"]
    assert "primary care networks (PCNs)" in findings[0].message
    assert findings[0].suggestions == ("primary care networks (PCNs)",)
    assert not findings[0].fixable


def test_unknown_acronym_has_no_meaning_but_is_flagged(linter):
    _, findings = next(linter.lint([Post(text="The QXZ board meets today.", path="t")]))
    assert [f.match for f in findings] == ["QXZ"]
    assert "(QXZ)" in findings[0].message and findings[0].suggestions == ()


def test_a_wrong_definition_does_not_count(linter):
    assert found(linter, "Visit our new clinic (UTC) today.") == ["UTC"]


@pytest.mark.parametrize("text", [
    "Chapter XIV of the report covers waiting lists.",
    "Clinic at Hanley Health Centre, ST1 3DQ, and WS11 0BN.",
    "COVID-19 boosters and A&E advice: https://example.nhs.uk/UTC-info",
    "Thanks to @StaffsPCN and the #SDEC team",
    "URGENT: THE HUB IS CLOSED TODAY, SEE THE WEBSITE",
    "GET YOUR FLU JAB NOW at the pharmacy",
    "Staffordshire and Stoke-on-Trent ICB and the NHS welcome the news.",
    # six capitals or more are a shouted word (the all-caps pack's), not an acronym
    "I am FUMING about the new car park charges.",
])
def test_not_acronyms(linter, text):
    assert found(linter, text) == []


def test_profile_acronyms_and_names_count_as_known(rules):
    profile = {"name": "Example Integrated Care Board", "short_name": "Example ICB", "acronyms": ["UHNM"]}
    linter = Linter(rules, profile=profile)
    assert found(linter, "UHNM and Example ICB are working together.") == []
    assert found(linter, "UHNM and the ICS are working together.") == ["ICS"]


@pytest.mark.parametrize("text,expected", [
    # a shouted post: only the acronyms the pack knows are told apart from shouted words
    ("URGENT: UEC PRESSURES ARE SEVERE. PLEASE USE SDEC WHERE YOU CAN.", ["UEC", "SDEC"]),
    ("PLEASE DO NOT COME TO A&E UNLESS IT IS AN EMERGENCY", []),
    ("BOOK YOUR JAB TODAY AT THE HUB", []),
    # shouted words in an ordinary post, with a known acronym among them
    ("Important: PLEASE USE THE UTC tonight, A&E is very busy.", ["UTC"]),
    ("Important: PLEASE READ THIS before Monday.", []),
])
def test_shouting_hides_only_the_acronyms_the_pack_does_not_know(linter, text, expected):
    assert found(linter, text) == expected


def test_a_long_acronym_the_pack_explains_is_still_flagged(lint_one_rule):
    fields = "max_letters: 5\nmeanings: {SWEMWBS: Warwick-Edinburgh Mental Wellbeing Scale}"
    text = "Fill in the SWEMWBS survey, I am FUMING, the QXZ board"
    assert lint_one_rule("acronym", fields, text) == ["SWEMWBS", "QXZ"]


def test_capitals_faked_with_other_characters_are_left_to_the_fancy_text_rule(linter):
    """"𝗙𝗥𝗘𝗘 𝗡𝗛𝗦" is mathematical bold: the accessibility pack asks for plain letters, and
    'spell out 𝗙𝗥𝗘𝗘' would be nonsense. Once written plainly, they are judged as usual."""
    assert found(linter, "𝗙𝗥𝗘𝗘 𝗡𝗛𝗦 𝗛𝗲𝗮𝗹𝘁𝗵 𝗖𝗵𝗲𝗰𝗸𝘀 at the ＳＤＥＣ unit") == []
    assert found(linter, "FREE NHS Health Checks at the SDEC unit") == ["SDEC"]


def test_an_acronym_used_before_it_is_spelled_out_is_unexplained_at_its_first_use(linter):
    """NHS style spells an acronym out the first time it is used."""
    assert found(linter, "Our PCN is busy. Primary care networks (PCNs) help.") == ["PCN"]
    assert found(linter, "Primary care networks (PCNs) help. Our PCN is busy.") == []
    assert found(linter, "Our PCN (primary care network) is busy. The PCN is open.") == []
    # its meaning straight after it explains it too
    assert found(linter, "Our PCN, the primary care network, is busy.") == []
