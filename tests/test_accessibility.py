"""The accessibility kinds beyond their pack examples: what they suggest, and when they stay quiet."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from postlint.kinds.phrases import expand
from postlint.linter import Linter
from postlint.model import Post
from postlint.packs import all_rules, load_packs, select_rules
from postlint.segment import _builtin, lexicon, segment
from postlint.yamlio import load_yaml


@pytest.fixture(scope="module")
def linter():
    return Linter(select_rules(all_rules(load_packs()), ["accessibility"]))


def findings(linter, text, rule):
    _, found = next(linter.lint([Post(text=text, path="t")]))
    return [f for f in found if f.rule == f"accessibility.{rule}"]


@pytest.mark.parametrize("tag,suggestion", [
    ("#flujabsaveslives", "#FluJabSavesLives"),
    ("#Helpushelpyou", "#HelpUsHelpYou"),
    ("#nhsjobs", "#NHSJobs"),
    ("#staffsicb", "#StaffsICB"),
    ("#wellbeingwednesday", "#WellbeingWednesday"),
    ("#13thingsilove", "#13ThingsILove"),
])
def test_hashtag_suggestion_is_fixable_camel_case(linter, tag, suggestion):
    (f,) = findings(linter, f"Please share {tag} today", "hashtag-case")
    assert f.suggestions == (suggestion,) and f.fixable
    assert suggestion in f.message


def test_ambiguous_hashtag_is_flagged_without_a_suggestion(linter):
    (f,) = findings(linter, "Young carers show what #kidscan do", "hashtag-case")
    assert f.suggestions == () and not f.fixable
    assert "capitalise the first letter of each word" in f.message


def test_segmentation_prefers_fewest_words_and_reports_ties():
    lex = lexicon()
    assert segment("healthcareworkers", lex) == (["healthcare", "workers"], True)
    assert segment("covid19", lex) == (["covid", "19"], True)
    assert segment("nursestop", lex)[1] is False  # nurses top / nurse stop
    assert segment("xyzzyplugh", lex) == (None, False)


def test_a_listed_word_with_a_regular_ending_is_one_word():
    lex = lexicon()
    assert segment("understaffed", lex) == (["under", "staffed"], True)  # not under, staff, ED
    assert segment("caringforyou", lex) == (["caring", "for", "you"], True)
    assert not lex.knows("ing") and not lex.knows("sed")  # an ending alone, or on a stub, is no word


def test_organisation_acronyms_come_from_the_profile():
    from postlint.matching import Compiler
    from postlint.nlp import build_pipeline

    (rule,) = select_rules(all_rules(load_packs()), ["accessibility.hashtag-case"])
    rule.kind.prepare(Compiler(build_pipeline(), {"acronyms": ["uhnm"]}))
    try:
        assert rule.kind.lex.cased("uhnm") == "UHNM"
    finally:
        rule.kind.prepare(Compiler(build_pipeline(), {}))


def test_word_list_is_clean():
    text = resources.files("postlint").joinpath("data/hashtag-words.yaml").read_text(encoding="utf-8")
    data = load_yaml(text)
    assert all(isinstance(w, str) for w in data["words"] + data["acronyms"])  # no YAML booleans (on, no, yes)
    forms = [f for w in data["words"] for f in expand(w)]
    assert not [w for w, n in Counter(forms).items() if n > 1]
    words, acronyms = _builtin()
    assert {"save", "saves", "jab", "help"} <= words and "nhs" in acronyms


@pytest.mark.parametrize("text,match,plain", [
    ("𝐆𝐞𝐭 𝐲𝐨𝐮𝐫 𝐟𝐥𝐮 𝐣𝐚𝐛 today", "𝐆𝐞𝐭 𝐲𝐨𝐮𝐫 𝐟𝐥𝐮 𝐣𝐚𝐛", "Get your flu jab"),
    ("🅵🅻🆄 🅹🅰🅱🆂!", "🅵🅻🆄 🅹🅰🅱🆂", "FLU JABS"),
    ("ꜰʀᴇᴇ checks", "ꜰʀᴇᴇ", "free"),
    ("Feeling s̶t̶r̶e̶s̶s̶e̶d̶ calm", "s̶t̶r̶e̶s̶s̶e̶d̶", "stressed"),
    ("ＮＨＳ ①", "ＮＨＳ ①", "NHS 1"),
])
def test_fancy_text_gives_plain_letters(linter, text, match, plain):
    (f,) = findings(linter, text, "fancy-text")
    assert f.match == match and f.suggestions == (plain,) and f.fixable


def test_upside_down_text_needs_a_person(linter):
    (f,) = findings(linter, "¡ǝɹǝɥ ǝɹɐ sǝuᴉɔɔɐʌ nlɟ", "fancy-text")
    assert f.suggestions == () and not f.fixable and "upside-down" in f.message


def test_repeated_emoji_run_suggests_one(linter):
    (f,) = findings(linter, "Well done 👏👏👏 team", "repeated-emoji")
    assert f.match == "👏👏👏" and f.suggestions == ("👏",) and not f.fixable
    assert "clapping hands" in f.message and "3 times" in f.message


def test_scattered_repeat_flags_the_later_one(linter):
    text = "💙 Thank you NHS staff 💙"
    (f,) = findings(linter, text, "repeated-emoji")
    assert f.start == text.rindex("💙") and f.suggestions == ()
