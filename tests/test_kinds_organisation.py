"""Organisation names come from the profile: another organisation's profile
changes what is flagged without touching the pack. Also the brand pack's other
post-level rules: a post that sells is one finding."""

from __future__ import annotations

import pytest

from postlint.linter import Linter
from postlint.model import Post
from postlint.packs import load_packs, select_rules

OTHER = {
    "name": "Example Integrated Care Board",
    "short_name": "Example ICB",
    "names": ["Example Integrated Care Board", "Example ICB"],
    "handles": {"x": "@ExampleICB"},
    "variants": {"Examp ICB": "Example ICB", "@Example_ICB": "@ExampleICB"},
    "former_names": ["Example Town CCG"],
    "topic_words": ["Riverside Pavilion"],
    "acronyms": [],
}


def brand_rules():
    return select_rules([r for p in load_packs() for r in p.rules], ["brand"])


def findings(linter: Linter, text: str) -> list:
    _, out = next(linter.lint([Post(text=text, path="t")]))
    return out


@pytest.fixture(scope="module")
def default():
    return Linter(brand_rules())


@pytest.fixture(scope="module")
def other():
    return Linter(brand_rules(), profile=OTHER)


def test_default_variant_is_fixable_to_the_official_form(default):
    [f] = findings(default, "Follow @Staffs_ICB for updates.")
    assert f.rule == "brand.official-name" and f.suggestions == ("@StaffsICB",) and f.fixable


def test_spacing_and_hyphens_of_a_variant_still_map_to_its_official_form(default):
    [f] = findings(default, "Stoke on Trent ICB is hiring nurses.")
    assert f.rule == "brand.official-name" and f.match == "Stoke on Trent ICB"
    assert f.suggestions == ("Staffordshire and Stoke-on-Trent ICB",)


def test_variant_inside_an_official_name_is_not_flagged(default):
    assert findings(default, "Staffordshire and Stoke-on-Trent ICB is hiring nurses.") == []


def test_other_profile_flags_its_own_variants_not_ours(other):
    flagged = [(f.rule, f.match, f.suggestions) for f in findings(other, "Examp ICB and Staffs ICB thank our nurses.")]
    assert flagged == [("brand.official-name", "Examp ICB", ("Example ICB",))]


def test_former_name_suggests_the_current_name_once(other, default):
    flagged = [(f.rule, f.match, f.suggestions) for f in findings(other, "Example Town CCG is hiring nurses.")]
    assert flagged == [("brand.outdated-ccg", "Example Town CCG", ("Example ICB",))]
    [f] = findings(default, "North Staffordshire CCG is hiring nurses.")
    assert f.match == "North Staffordshire CCG" and f.suggestions == ("Staffordshire and Stoke-on-Trent ICB",)


def test_outdated_handle_suggests_the_profile_handle(other):
    [f] = findings(other, "Follow @TownCCG for news about local nurses.")
    assert f.rule == "brand.outdated-ccg" and f.suggestions == ("@ExampleICB",)


def test_historical_mention_passes(default):
    assert findings(default, "North Staffordshire CCG was replaced by the ICB in July 2022.") == []


def test_profile_topic_words_make_a_post_on_topic(other, default):
    text = "Come and see the new Riverside Pavilion open its doors this Saturday morning from ten."
    assert findings(other, text) == []
    assert [f.rule for f in findings(default, text)] == ["brand.off-topic"]


def test_variant_patterns_catch_new_shortenings_and_handles(default):
    cases = {
        "Staffs and Stoke-on-Trent ICB is hiring.": ("Staffs and Stoke-on-Trent ICB", "Staffordshire and Stoke-on-Trent ICB"),
        "Stoke and Staffs ICB wants your views.": ("Stoke and Staffs ICB", "Staffordshire and Stoke-on-Trent ICB"),
        "Thanks @StaffsICB_ for sharing.": ("@StaffsICB_", "@StaffsICB"),
        "Staffs & Stoke Integrated Care Board meets today.":
            ("Staffs & Stoke Integrated Care Board", "Staffordshire and Stoke-on-Trent Integrated Care Board"),
    }
    for text, (match, suggestion) in cases.items():
        [f] = findings(default, text)
        assert (f.rule, f.match, f.suggestions) == ("brand.official-name", match, (suggestion,)), text


def test_variant_patterns_never_flag_official_forms(default):
    for text in ("Follow @StaffsICB for updates.", "Staffordshire and Stoke on Trent ICB is hiring.",
                 "NHS Staffordshire and Stoke-on-Trent Integrated Care Board welcomes the report.",
                 "Follow StaffsICB on Facebook.", "Staffordshire County Council and @StokeCityFC are partners."):
        assert [f for f in findings(default, text) if f.rule == "brand.official-name"] == [], text


def test_a_profile_with_its_own_variants_starts_without_our_patterns():
    from postlint.profile import load_profile
    assert "variant_patterns" not in load_profile({"variants": {"Examp ICB": "Example ICB"}})
    other = Linter(brand_rules(), profile={**OTHER, "variant_patterns": {r"@\w*examp\w*icb\w*": "@ExampleICB"}})
    [f] = findings(other, "Thanks @ExampICB_ and @Staffs_Stoke_ICB!")
    assert f.match == "@ExampICB_" and f.suggestions == ("@ExampleICB",)


def test_a_post_that_sells_is_reported_once_at_its_first_place(default):
    text = "Selling my Avon and Usborne books, free delivery in Stoke! Use my discount code too."
    assert [(f.rule, f.match) for f in findings(default, text) if f.rule != "brand.off-topic"] == [
        ("brand.advertising", "Selling my")]
