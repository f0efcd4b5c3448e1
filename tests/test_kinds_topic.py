"""The topic kind and its vocabulary helpers: stems, run-together hashtags, short posts."""

from __future__ import annotations

import pytest

from postlint.kinds.vocabulary import embedded_regex, literal_regex, vocabulary_regex
from postlint.linter import Linter
from postlint.model import Post
from postlint.packs import load_packs, select_rules


@pytest.fixture(scope="module")
def linter():
    return Linter(select_rules([r for p in load_packs() for r in p.rules], ["brand.off-topic"]))


def flagged(linter: Linter, text: str) -> bool:
    return bool(next(linter.lint([Post(text=text, path="t")]))[1])


def test_vocabulary_stems_and_whole_words():
    pattern = vocabulary_regex(["vaccin*", "nurse(s)", "board meeting"])
    assert pattern.contains("Get vaccinated") and pattern.contains("Our NURSES") and pattern.contains("the Board  meeting")
    assert not pattern.contains("nursery rhymes") and not pattern.contains("boards")


def test_embedded_words_are_long_or_capitals_only():
    pattern = embedded_regex(["health*", "ill", "HIV", "NHS"])
    assert pattern.contains("#gdnhealthhustings") and pattern.contains("#ViewsfromtheNHSfrontline")
    assert not pattern.contains("#chillout") and not pattern.contains("#archived")


def test_literal_names_ignore_case_spaces_and_hyphens_but_not_partial_words():
    pattern = literal_regex(["Stoke-on-Trent ICB"])
    assert pattern.search("stoke on trent icb") and not pattern.search("Stoke-on-Trent ICBs")


def test_hashtag_words_count(linter):
    assert not flagged(linter, "Lovely turnout this morning at the town hall for #GetVaccinated week, everyone!")
    assert flagged(linter, "Who fancies a brew this afternoon? Kettle is on and there are biscuits in the tin.")


def test_short_chatter_is_judged_but_short_link_shares_and_replies_are_not(linter):
    assert flagged(linter, "Who fancies a brew this afternoon?")
    assert not flagged(linter, "Who fancies a brew? https://example.com/tea")
    assert not flagged(linter, "@jo_b Who fancies a brew this afternoon?")
    assert not flagged(linter, "What a day!")
    assert not flagged(linter, "Doors open at 6pm tonight.")


def test_a_link_in_the_post_does_not_hide_the_finding(linter):
    assert flagged(linter, "Who fancies a brew this afternoon? Kettle is on, biscuits in the tin https://example.com/tea")


def test_context_words_count_only_without_chatter(linter):
    # "office", "team" and "moving" are our business, unless the post is chat about them
    assert not flagged(linter, "The lift is out of order at our Hanley office today, so please use the rear door.")
    assert not flagged(linter, "From Monday our team is moving to the second floor of the same building.")
    assert flagged(linter, "Our team's fantasy football league is getting very competitive this season.")
    assert flagged(linter, "What's everyone's favourite crisp flavour? Settle an office debate for us.")


def test_a_chatter_word_inside_a_context_phrase_is_part_of_it(linter):
    # "weather" is chatter, "cold weather" a context phrase: the one does not cancel the other
    assert not flagged(linter, "Cold weather alert: check on older neighbours and keep your home heated to 18C.")
    assert not flagged(linter, "Cold weather tonight!")
    assert flagged(linter, "Lovely weather today, cold weather coat on and off to the football!")


def test_context_words_are_data():
    from postlint.kinds.topic import Topic
    assert "context" in {f.name for f in Topic.fields}
