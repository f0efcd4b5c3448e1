"""The evidence kind: a sentence (or post) is flagged when the weights of the cues
found in it add up to the threshold; negative weights count against; post-scope
cues count anywhere in the post; `requires` and `unless` narrow it; the message
lists the evidence; a malformed rule is a pack error naming the file and field."""

from __future__ import annotations

import pytest


RULE = r"""threshold: 3
cues:
  voice: {weight: 1, scope: post, patterns: '\b(?:I|my|me)\b', label: own voice}
  work: {weight: 1, patterns: ['\b(?:shift|ward|job)\b']}
  fed_up: {weight: 2, patterns: '\b(?:so\s+done|fed\s+up|fuming)\b'}
  advice: {weight: -2, scope: post, patterns: '\b(?:if\s+you|NHS\s*111)\b'}
"""


def test_weights_add_up_to_the_threshold(lint_one_rule):
    assert lint_one_rule("evidence", RULE, "So done with this shift.") == ["So done with this shift."]
    assert lint_one_rule("evidence", RULE, "My shift was long.") == []  # 1 + 1 < 3
    assert lint_one_rule("evidence", RULE, "I am fuming.") == ["I am fuming."]  # 1 + 2


def test_negative_weights_count_against(lint_one_rule):
    assert lint_one_rule("evidence", RULE, "Fed up with your job? If you are, talk to someone.") == []
    assert lint_one_rule("evidence", RULE, "Fed up with your job? Talk to someone.") == ["Fed up with your job?"]


def test_post_scope_cues_count_in_every_sentence_but_do_not_flag_one_alone(lint_one_rule):
    text = "I work nights. Fuming about the rota. Nice weather though."
    assert lint_one_rule("evidence", RULE, text) == ["Fuming about the rota."]


def test_rule_scope_post_judges_the_whole_post(lint_one_rule):
    text = "Long week. So done. On the ward again."
    assert lint_one_rule("evidence", RULE, text) == []  # no sentence has 3
    assert lint_one_rule("evidence", RULE + "scope: post", text) == [text]


def test_requires_and_unless(lint_one_rule):
    assert lint_one_rule("evidence", RULE + "requires: [work]", "I am fuming.") == []
    assert lint_one_rule("evidence", RULE + "requires: [work]", "I am fuming about my shift.") == [
        "I am fuming about my shift."]
    assert lint_one_rule("evidence", RULE + r"unless: '\bweather\b'", "I am fuming at the weather.") == []


def test_cues_inside_links_handles_and_hashtags_do_not_count(lint_one_rule):
    assert lint_one_rule("evidence", RULE, "I read #SoDone and @fuming_ward today.") == []


def test_a_cue_with_links_true_counts_inside_links_too(lint_one_rule):
    shared = r"""
  shared: {weight: -2, scope: post, links: true, patterns: 'https?://'}
"""
    text = "I am fuming about my shift https://example.org/fuming"
    assert lint_one_rule("evidence", RULE, text) == [text]
    assert lint_one_rule("evidence", RULE.rstrip() + shared, text) == []  # 1 + 1 + 2 - 2
    assert lint_one_rule("evidence", RULE.rstrip() + shared.replace("links: true", "links: false"), text) == [text]


def test_message_lists_the_evidence(lint_one_rule):
    message = "why: {evidence}; fed up: {fed_up}; work: {work}"
    assert lint_one_rule("evidence", RULE, "I am so done.", message=message, report="message") == [
        "why: own voice ('I'), fed up ('so done'); fed up: so done; work: "]


@pytest.mark.parametrize("fields, problem", [
    ("threshold: 1\ncues: {}", "field 'cues': must list at least one cue"),
    ("threshold: 1\ncues: {match: {weight: 1, patterns: x}}", "field 'cues': cue name 'match'"),
    ("threshold: 1\ncues: {a: 'x'}", "field 'cues': cue 'a': expected a mapping"),
    ("threshold: 1\ncues: {a: {weight: 1}}", "field 'cues': cue 'a': 'patterns' is required"),
    ("threshold: 1\ncues: {a: {patterns: x}}", "field 'cues': cue 'a': 'weight' is required"),
    ("threshold: 1\ncues: {a: {patterns: x, weight: 0}}", "field 'cues': cue 'a': weight: expected a number other than 0"),
    ("threshold: 1\ncues: {a: {patterns: x, weight: high}}", "cue 'a': weight: expected a number"),
    ("threshold: 1\ncues: {a: {patterns: x, weight: 1, scope: page}}", "cue 'a': scope: expected one of"),
    ("threshold: 1\ncues: {a: {patterns: x, weight: 1, colour: red}}", "cue 'a': unknown key 'colour'"),
    ("threshold: 1\ncues: {a: {patterns: x, weigth: 1}}", "cue 'a': unknown key 'weigth' (did you mean 'weight'?)"),
    ("threshold: 1\ncues: {a: {patterns: x, weight: 1, links: yes please}}", "cue 'a': links: expected true or false"),
    ("threshold: 1\ncues: {a: {patterns: x, weight: -1}}", "at least one cue with a positive weight"),
    ("threshold: 1\ncues: {a: {patterns: '(', weight: 1}}", "field 'cues.a.patterns': invalid regular expression"),
    ("cues: {a: {patterns: x, weight: 1}}", "field 'threshold': is required"),
    ("threshold: 0\ncues: {a: {patterns: x, weight: 1}}", "field 'threshold': must be greater than 0"),
    ("threshold: 5\ncues: {a: {patterns: x, weight: 1}}", "field 'threshold': can never be reached"),
    ("threshold: 1\nrequires: [b]\ncues: {a: {patterns: x, weight: 1}}", "field 'requires': names no cue 'b'"),
])
def test_malformed_rules_are_pack_errors_naming_file_and_field(pack_error, fields, problem):
    assert problem in pack_error("evidence", fields)


def test_gate_and_early_exits_change_no_finding(builtin_packs):
    """The gate (the cues a post cannot do without) and giving a post up once the threshold
    is out of reach are shortcuts: the conduct rule finds the same as scoring every cue."""
    from pathlib import Path

    import yaml

    from postlint.context import PostContext
    from postlint.linter import Linter, tokenizable
    from postlint.model import Post

    rule = next(r for p in builtin_packs for r in p.rules if r.id == "conduct.staff-grievance-evidence")
    kind = rule.kind
    linter = Linter([rule])
    texts = [e["text"] for e in yaml.safe_load((Path(__file__).parent / "data" / "blind" / "set-c.yaml")
                                               .read_text(encoding="utf-8"))]
    texts += ["I am so done with this place", "Flu jabs at the clinic today", "I", ""]
    flagged = 0
    for text in texts:
        post = Post(text=text, path="t")
        _, findings = next(linter.lint([post]))
        ctx = PostContext(post, linter.nlp(tokenizable(text)), linter.compiler)
        plain = []
        for start, end, counted in kind.units(ctx, prune=False):
            names = {n for n, _, _ in counted}
            if (round(sum(kind.weight[n] for n in names), 6) >= kind.params["threshold"]
                    and any(inside and kind.weight[n] > 0 for n, _, inside in counted)
                    and (not kind.requires or names & kind.requires)
                    and not kind._excused(text, start, end)):
                plain.append((start, end))
        assert [(f.start, f.end) for f in findings] == plain, text
        flagged += bool(plain)
    assert flagged >= 20
