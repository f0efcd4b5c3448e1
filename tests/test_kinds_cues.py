"""The cues kind: a sentence (or post) is flagged when every cue is in it, in any
order; `unless` cancels it; cue matches inside links, handles and hashtags do
not count; a broken cue is a pack error naming the cue."""

from __future__ import annotations

import pytest

from postlint.errors import PackError

SICK = r"""cues:
  self: '\b(?:I|I[''’]m|me|my)\b'
  absence: ['\b(?:sick|poorly|unwell)\b', '\bthe\s+flu\b']
  when: '\b(?:today|tonight|shift)\b'
"""


def test_every_cue_in_one_sentence_in_any_order(lint_one_rule):
    assert lint_one_rule("cues", SICK, "Poorly today, so I won't be in.") == ["Poorly today, so I won't be in."]
    assert lint_one_rule("cues", SICK, "Got the flu. Missing my shift tonight.") == []
    assert lint_one_rule("cues", SICK + "scope: post", "Got the flu. Missing my shift tonight.") == [
        "Got the flu. Missing my shift tonight."]


def test_a_missing_cue_means_no_finding(lint_one_rule):
    assert lint_one_rule("cues", SICK, "Stay home if you are sick today.") == []
    assert lint_one_rule("cues", SICK, "I am sick of the rain.") == []


def test_each_sentence_is_its_own_finding(lint_one_rule):
    text = "I'm sick today.\nSorry, still unwell, my shift is covered."
    assert lint_one_rule("cues", SICK, text) == ["I'm sick today.", "Sorry, still unwell, my shift is covered."]


def test_unless_cancels_the_sentence(lint_one_rule):
    text = "If I'm poorly today, should I still go? Ask NHS 111."
    assert lint_one_rule("cues", SICK, text) == [text.split("? ")[0] + "?"]
    assert lint_one_rule("cues", SICK + r"unless: '\bif\s+(?:I|you)\b'", text) == []


def test_cues_inside_links_handles_and_hashtags_do_not_count(lint_one_rule):
    assert lint_one_rule("cues", SICK, "I read https://example.org/sick-today about it.") == []
    assert lint_one_rule("cues", SICK, "My tips for #SickDay today.") == []
    assert lint_one_rule("cues", SICK, "Thanks @poorly_today, my shift was great.") == []


def test_cue_names_are_placeholders(tmp_path):
    from postlint.packs import load_packs

    path = tmp_path / "p.yaml"
    path.write_text("""id: p
title: P
description: d
source: s
rules:
  - id: r
    kind: cues
    severity: warning
    message: "{absence} and {nothing}"
    explanation: e
    source: s
    cues: {absence: 'sick'}
    examples: {flag: [sick], pass: [well]}
""", encoding="utf-8")
    with pytest.raises(PackError, match="nothing"):
        load_packs([path])


@pytest.mark.parametrize("cues, problem", [
    ("{}", "at least one cue"),
    ("{match: 'x'}", "plain word"),
    ("{'two words': 'x'}", "plain word"),
    ("{a: '('}", "field 'cues.a': invalid regular expression"),
    ("{a: []}", "cue 'a'"),
])
def test_bad_cues_are_pack_errors(lint_one_rule, cues, problem):
    with pytest.raises(PackError, match=problem):
        lint_one_rule("cues", f"cues: {cues}", "text")
