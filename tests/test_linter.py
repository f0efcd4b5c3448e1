"""Linter behaviour shared by all kinds: protected spans, ignores, platforms, severities, rule groups."""

from __future__ import annotations

from pathlib import Path

import pytest

from postlint.linter import Linter
from postlint.model import Post, Severity
from postlint.packs import load_pack

PACK = """id: t
title: T
description: D
source: S
rules:
  - id: word
    kind: phrase
    severity: warning
    message: "'{match}'"
    explanation: A test rule that flags one word wherever it appears in prose.
    source: Test
    phrases: [capacity]
    examples: {flag: [capacity], pass: [ability]}
  - id: long
    kind: metric
    metric: sentence-words
    max: 5
    severity: info
    message: "{value} words"
    explanation: A test rule that flags sentences longer than five words.
    source: Test
    platforms: [x]
    examples: {flag: [{text: "one two three four five six", platform: x}], pass: [one two]}
"""


def lint(tmp_path: Path, text: str, **post_kwargs) -> list:
    p = tmp_path / "t.yaml"
    p.write_text(PACK, encoding="utf-8")
    linter = Linter(load_pack(p).rules, severities=post_kwargs.pop("severities", {}))
    _, findings = next(linter.lint([Post(text=text, path="x", **post_kwargs)]))
    return findings


def test_match_inside_hashtag_or_url_is_dropped(tmp_path):
    assert lint(tmp_path, "#capacity https://x.org/capacity @capacity") == []


def test_finding_that_contains_a_link_is_kept(tmp_path):
    text = "see https://www.nhs.uk/flu for one two three four five six"
    rules = {f.rule for f in lint(tmp_path, text, platform="x")}
    assert "t.long" in rules


def test_platform_rules_only_run_for_their_platform(tmp_path):
    text = "one two three four five six seven"
    assert lint(tmp_path, text) == []
    assert [f.rule for f in lint(tmp_path, text, platform="x")] == ["t.long"]


def test_post_ignore_and_severity_override(tmp_path):
    assert lint(tmp_path, "more capacity", ignore=("t.word",)) == []
    (f,) = lint(tmp_path, "more capacity", severities={"t": Severity.ERROR})
    assert f.severity is Severity.ERROR


def _pack_rules(tmp_path, pack_id: str, rules: str) -> list:
    """The rules of a one-off pack `pack_id` whose `rules:` list is the YAML `rules`."""
    from postlint.packs import load_packs

    path = tmp_path / f"{pack_id}.yaml"
    path.write_text(f"id: {pack_id}\ntitle: T\ndescription: d\nsource: s\nrules:\n{rules}", encoding="utf-8")
    return [p for p in load_packs([path], builtin=False) if p.id == pack_id][0].rules


def _pattern_rule(name: str, pattern: str, severity: str = "error", extra: str = "") -> str:
    """The YAML of one pattern rule for `_pack_rules`, with `extra` keys ("once: true")."""
    keys = "".join(f"\n    {line}" for line in extra.splitlines())
    return f"""  - id: {name}
    kind: pattern{keys}
    severity: {severity}
    message: "{name} {{match}}"
    explanation: e
    source: s
    pattern: {pattern}
    examples: {{flag: [x], pass: [y]}}
"""


def _grouped_pack(tmp_path, first_severity: str, group_b: str = "leave") -> list:
    return _pack_rules(tmp_path, "g", f"""  - id: a
    kind: pattern
    group: leave
    severity: {first_severity}
    message: "a {{match}}"
    explanation: e
    source: s
    pattern: 'swap my late'
    examples: {{flag: [swap my late], pass: [x]}}
  - id: b
    kind: pattern
    group: {group_b}
    severity: error
    message: "b {{match}}"
    explanation: e
    source: s
    pattern: 'anyone swap my late on \\w+'
    examples: {{flag: [anyone swap my late on Sat], pass: [x]}}
""")


@pytest.mark.parametrize("first, group_b, expected", [
    ("error", "leave", ["g.a"]),      # equal severity: the rule listed first
    ("warning", "leave", ["g.b"]),    # the more severe one, wherever it is listed
    ("error", "other", ["g.b", "g.a"]),  # different groups both report
])
def test_rules_of_one_group_report_a_place_once(tmp_path, first, group_b, expected):
    linter = Linter(_grouped_pack(tmp_path, first, group_b))
    _, findings = next(linter.lint([Post(text="Can anyone swap my late on Saturday?", path="p", number=1)]))
    assert [f.rule for f in findings] == expected


def test_a_group_must_be_a_plain_id(tmp_path):
    from postlint.errors import PackError

    with pytest.raises(PackError, match="group"):
        _grouped_pack(tmp_path, "error", "not an id!")


def _fallback_pack(tmp_path, fallback: str = "true") -> list:
    return _pack_rules(tmp_path, "f", _pattern_rule("broad", "'\\bwork\\b.*'", "warning", f"fallback: {fallback}")
                       + _pattern_rule("sick", "'off sick'"))


@pytest.mark.parametrize("text, expected", [
    ("work is hard and I'm off sick", ["f.sick"]),   # another rule of the pack spoke there
    ("off sick today. work is hard", ["f.sick", "f.broad"]),  # they do not overlap: both
    ("work is hard", ["f.broad"]),                   # alone, the catch-all speaks
])
def test_a_fallback_rule_speaks_only_where_its_pack_is_silent(tmp_path, text, expected):
    linter = Linter(_fallback_pack(tmp_path))
    _, findings = next(linter.lint([Post(text=text, path="p", number=1)]))
    assert [f.rule for f in findings] == expected


def _model_fallback_pack(tmp_path, others: str = _pattern_rule("sick", "'off sick'")) -> list:
    """A pack whose classifier is a fallback, beside the YAML rules `others`."""
    model = """  - id: model
    kind: classifier
    fallback: true
    severity: warning
    message: "model {match}"
    explanation: e
    source: s
    weights: {hard: 2.0}
    threshold: 1.0
    examples: {flag: [work is hard], pass: [easy]}
"""
    return _pack_rules(tmp_path, "m", model + others)


@pytest.mark.parametrize("text, expected", [
    ("Work is hard. I'm off sick today.", ["m.sick"]),  # another sentence: the model judged the post
    ("Work is hard. Have a good day.", ["m.model"]),     # alone, the model speaks
])
def test_a_model_fallback_yields_to_its_pack_anywhere_in_the_post(tmp_path, text, expected):
    """A classifier's finding points at the sentence that weighs most, but its score is
    the whole post's: another rule of its pack anywhere in the post has said it."""
    _, findings = next(Linter(_model_fallback_pack(tmp_path)).lint([Post(text=text, path="p", number=1)]))
    assert [f.rule for f in findings] == expected


@pytest.mark.parametrize("text, expected", [
    ("Work is hard. So done.", ["m.tone"]),                 # the tone has said it: not the model too
    ("Work is hard. So done, off sick.", ["m.sick"]),       # the named complaint says it all
    ("Work is hard. Have a good day.", ["m.model"]),        # alone, the model speaks
])
def test_a_model_fallback_also_yields_to_a_fallback_that_points_at_a_place(tmp_path, text, expected):
    """A catch-all that points at a place ("so done") yields to the pack's named rules
    where they overlap it; where it is kept, the model, which judges the post, yields to it."""
    tone = _pattern_rule("tone", "'so done'", "warning", "fallback: true")
    rules = _model_fallback_pack(tmp_path, tone + _pattern_rule("sick", "'So done, off sick'"))
    _, findings = next(Linter(rules).lint([Post(text=text, path="p", number=1)]))
    assert [f.rule for f in findings] == expected


def test_a_fallback_is_silenced_only_by_a_finding_as_severe(tmp_path):
    linter = Linter(_fallback_pack(tmp_path), severities={"f.sick": Severity.INFO})
    _, findings = next(linter.lint([Post(text="work is hard and I'm off sick", path="p", number=1)]))
    assert [f.rule for f in findings] == ["f.broad", "f.sick"]


def test_a_fallback_can_yield_to_rules_of_another_pack(tmp_path):
    """`fallback: [other.specific]`: the jargon pack's "CCG" yields to the brand pack's
    "Stoke-on-Trent CCG", and to nothing in its own pack."""
    specific = _pack_rules(tmp_path, "other", _pattern_rule("specific", "'work is hard'"))
    linter = Linter(_fallback_pack(tmp_path, "[other.specific]") + specific)
    _, findings = next(linter.lint([Post(text="work is hard and I'm off sick", path="p", number=1)]))
    assert [f.rule for f in findings] == ["other.specific", "f.sick"]
    _, findings = next(Linter(_fallback_pack(tmp_path, "[other.specific]")).lint(
        [Post(text="work is hard and I'm off sick", path="p", number=1)]))
    assert [f.rule for f in findings] == ["f.broad", "f.sick"]


def test_a_fallback_yields_to_its_own_pack_only_not_one_whose_id_starts_the_same(tmp_path):
    other = _pack_rules(tmp_path, "fx", _pattern_rule("specific", "'work is hard'"))
    _, findings = next(Linter(_fallback_pack(tmp_path) + other).lint([Post(text="work is hard", path="p", number=1)]))
    assert sorted(f.rule for f in findings) == ["f.broad", "fx.specific"]


@pytest.mark.parametrize("value", ['"yes"', "[]", '[""]', "[1]"])
def test_fallback_is_true_false_or_a_list_of_ids(tmp_path, value):
    from postlint.errors import PackError

    with pytest.raises(PackError, match=r"f\.yaml:\d+: .*fallback.*true, false or a list of rule or pack ids"):
        _fallback_pack(tmp_path, value)


@pytest.mark.parametrize("text, severity, expected", [
    ("Long waits at RSH today", "warning", ["local.hospital"]),    # yours spoke there: not the built-in too
    ("Long waits at RSH today", "info", ["base.acronym", "local.hospital"]),  # only as severe silences
    ("RSH is busy; so is the MIU", "warning", ["local.hospital", "base.acronym"]),  # elsewhere it speaks
])
def test_a_rule_overrides_the_rules_it_names_where_it_speaks(tmp_path, text, severity, expected):
    """`overrides: [base.acronym]` in your own pack: the built-in "unexplained acronym"
    yields to your "write Royal Shrewsbury Hospital in full", its pack unedited."""
    base = _pack_rules(tmp_path, "base", _pattern_rule("acronym", "'RSH|MIU'", "warning"))
    local = _pack_rules(tmp_path, "local", _pattern_rule("hospital", "'RSH'", severity,
                                                         "overrides: [base.acronym]"))
    _, findings = next(Linter(base + local).lint([Post(text=text, path="p", number=1)]))
    assert [f.rule for f in findings] == expected
    _, findings = next(Linter(base).lint([Post(text=text, path="p", number=1)]))
    assert [f.rule for f in findings].count("base.acronym") == text.count("RSH") + text.count("MIU")


@pytest.mark.parametrize("value", ['"base"', "[]", "[2]", "true"])
def test_overrides_is_a_list_of_ids(tmp_path, value):
    from postlint.errors import PackError

    with pytest.raises(PackError, match=r"o\.yaml:\d+: .*field 'overrides': expected a list of rule or pack ids"):
        _pack_rules(tmp_path, "o", _pattern_rule("x", "'x'", extra=f"overrides: {value}"))


def _once_pack(tmp_path, once: str = "true") -> list:
    return _pack_rules(tmp_path, "o", _pattern_rule("sick", "['off sick', 'tell my manager']", extra=f"once: {once}")
                       + _pattern_rule("shift", "'my shift'", "warning"))


def test_a_once_rule_reports_a_post_once_at_its_first_place(tmp_path):
    text = "Cover my shift? I'm off sick, tell my manager. Off sick till Friday, and my shift Sunday too."
    _, findings = next(Linter(_once_pack(tmp_path)).lint([Post(text=text, path="p", number=1)]))
    assert [(f.rule, f.match) for f in findings] == [
        ("o.shift", "my shift"), ("o.sick", "off sick"), ("o.shift", "my shift")]
    _, findings = next(Linter(_once_pack(tmp_path, "false")).lint([Post(text=text, path="p", number=1)]))
    assert [f.rule for f in findings].count("o.sick") == 3


def test_once_is_true_or_false(tmp_path):
    from postlint.errors import PackError

    with pytest.raises(PackError, match=r"o\.yaml:\d+: .*'once': expected true or false"):
        _once_pack(tmp_path, "[sick]")


def test_the_once_rules_of_a_group_report_a_post_once_together(tmp_path):
    rules = _pack_rules(tmp_path, "og", _pattern_rule("sick", "'off sick'", extra="group: absence\nonce: true")
                        + _pattern_rule("away", '"won\'t be in"', extra="group: absence\nonce: true"))
    text = "Won't be in today. Off sick with flu, won't be in tomorrow either."
    _, findings = next(Linter(rules).lint([Post(text=text, path="p", number=1)]))
    assert [(f.rule, f.match) for f in findings] == [("og.away", "Won't be in")]


def test_a_long_run_of_new_words_does_not_grow_the_vocabulary_for_good(tmp_path, monkeypatch):
    """Every new word, link or handle adds a string to spaCy's vocabulary, which spaCy keeps;
    past nlp.VOCAB_GROWTH new strings each batch is linted in a memory zone, which drops what
    it added, and the findings are the same as without one."""
    import postlint.nlp as nlp_module

    p = tmp_path / "t.yaml"
    p.write_text(PACK, encoding="utf-8")
    linter = Linter(load_pack(p).rules)
    posts = [Post(text=f"More capacity at clinic{i} for ref{i}x, see www.example{i}.org today", path="t", number=i)
             for i in range(1, 4 * 256 + 1)]

    def findings() -> list:
        return [(f.post, f.rule, f.start, f.end) for _, found in linter.lint(posts) for f in found]

    monkeypatch.setattr(nlp_module, "VOCAB_GROWTH", 10**9)
    before = len(linter.nlp.vocab.strings)
    unbounded = findings()
    grown = len(linter.nlp.vocab.strings)
    assert grown - before > 3 * 1024  # three new strings a post, kept

    linter = Linter(load_pack(p).rules)
    posts = [Post(text=post.text.replace("x,", "y,"), path="t", number=post.number) for post in posts]
    monkeypatch.setattr(nlp_module, "VOCAB_GROWTH", 100)
    start = len(linter.nlp.vocab.strings)
    bounded = findings()
    # the first batch grows it past the limit; every later batch is linted in a zone
    assert len(linter.nlp.vocab.strings) - start < 2 * 256 + 100
    assert bounded == unbounded and len(bounded) == 1024


def test_the_conduct_pack_reports_a_named_complaint_once(builtin_packs):
    """Its tone and venting rules, and its model, are catch-alls: where a rule that names
    the complaint has spoken, they add nothing."""
    conduct = Linter(next(p for p in builtin_packs if p.id == "conduct").rules)
    text = "Another 13-hour shift with no break. Living the NHS dream 🙄"
    _, findings = next(conduct.lint([Post(text=text, path="p", number=1)]))
    assert [f.rule for f in findings] == ["conduct.work-issue-raised"]
