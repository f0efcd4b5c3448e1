"""The pattern kind's context fields (`near`, `near_window`, `unless`,
`unless_in_sentence`, `unless_in_post`) and the
identifier kind's `when`, checked on the kinds themselves and through the loader."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from postlint.errors import PackError
from postlint.kinds.identifier import Identifier
from postlint.kinds.pattern import Pattern
from postlint.packs import load_pack


def spans(kind, text: str) -> list[str]:
    return [text[h.start:h.end] for h in kind.check(SimpleNamespace(text=text))]


def pattern(**spec) -> Pattern:
    return Pattern("p.r", spec, lambda key: 1)


def test_near_requires_context_within_the_window():
    kind = pattern(pattern=r"\bMrs \w+", near=r"\bward \d+", near_window=20)
    assert spans(kind, "Mrs Smith is on ward 7") == ["Mrs Smith"]
    assert spans(kind, "Mrs Smith opened the new garden") == []
    far = "Mrs Smith opened the new garden, which is a short walk from ward 7"
    assert spans(kind, far) == []


def test_near_window_defaults_to_window():
    kind = pattern(pattern="x", near="y", window=3)
    assert spans(kind, "x..y") == ["x"]
    assert spans(kind, "x....y") == []


def test_near_and_unless_combine():
    kind = pattern(pattern=r"\bMr \w+", near=r"\bdischarged\b", near_window=40,
                   unless=r"\bconsultant\b", window=20)
    assert spans(kind, "Mr Jones was discharged today") == ["Mr Jones"]
    assert spans(kind, "Mr Jones, consultant, explains what happens when you are discharged") == []


def test_near_checks_each_match_separately():
    kind = pattern(pattern=r"\bMr \w+", near=r"\bbed \d+", near_window=15)
    text = "Mr Adams is in bed 4. Later that day, Mr Brown visited the garden."
    assert spans(kind, text) == ["Mr Adams"]


def test_identifier_when_invalid_flags_only_failing_numbers():
    def identifier(when: str) -> Identifier:
        return Identifier("p.r", {"pattern": r"\d{3} \d{3} \d{4}", "validator": "nhs-number", "when": when},
                          lambda key: 1)

    text = "valid 943 476 5919 and invalid 401 023 2138"
    assert spans(identifier("valid"), text) == ["943 476 5919"]
    assert spans(identifier("invalid"), text) == ["401 023 2138"]


HEAD = "id: p\ntitle: T\ndescription: D\nsource: S\nrules:\n"
RULE = """  - id: r1
    kind: {kind}
    severity: warning
    message: "'{{match}}'"
    explanation: An explanation long enough to say why this rule matters here.
    source: Protocol, Confidentiality
{extra}
    examples: {{flag: [x], pass: [y]}}
"""


@pytest.mark.parametrize("kind,extra,expect", [
    ("pattern", "    pattern: x\n    near: '(unclosed'", ["pack.yaml:", "r1", "near", "invalid regular expression"]),
    ("pattern", "    pattern: x\n    near: y\n    near_window: 0", ["pack.yaml:", "near_window", "greater than 0"]),
    ("identifier", "    pattern: x\n    validator: nhs-number\n    when: sometimes",
     ["pack.yaml:", "when", "valid, invalid", "sometimes"]),
])
def test_bad_context_fields_are_refused(tmp_path, kind, extra, expect):
    path = tmp_path / "pack.yaml"
    path.write_text(HEAD + RULE.format(kind=kind, extra=extra), encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_pack(path)
    for part in expect:
        assert part in str(info.value)


def test_overlapping_matches_of_one_rule_are_reported_once():
    kind = pattern(pattern=[r"\bMr \w+", r"\bMr \w+ is in bed \d+", r"\bbed \d+"])
    assert spans(kind, "Mr Jones is in bed 4. Mr Khan visited.") == ["Mr Jones is in bed 4", "Mr Khan"]


# --- patterns that backtrack catastrophically: bounded, warned about by rule, never a hang ---

SLOW_PACK = """id: slow
title: Slow
description: A pack with a pattern that backtracks.
source: Test
rules:
  - id: backtrack
    kind: pattern
    severity: error
    message: "{{match}}"
    explanation: A pattern written without care for backtracking, as a pack from elsewhere might be.
    source: Test
    {field}
    examples: {{flag: [b], pass: [c]}}
"""


@pytest.mark.parametrize("field,text", [
    ("pattern: '(a+)+$'", "a" * 5000 + "b"),
    # A "y" the pattern needs, so the prefilter lets it run (and backtrack) on the x's after it.
    ("pattern: '(x+x+)+y'", "y" + "x" * 5000),
    ("pattern: 'b'\n    near: '(a+)+$'\n    near_window: 6000", "a" * 5000 + "b"),
    ("pattern: 'b'\n    unless: '(a|aa)+$'\n    window: 6000", "a" * 5000 + "b"),
], ids=["nested", "overlapping", "near", "unless"])
def test_a_slow_pattern_is_skipped_with_a_warning_then_switched_off(tmp_path, monkeypatch, field, text):
    from postlint import linter as linter_module
    from postlint.kinds import pattern as pattern_module
    from postlint.linter import Linter
    from postlint.model import Post

    monkeypatch.setattr(pattern_module, "TIMEOUT", 0.05)
    path = tmp_path / "slow.yaml"
    path.write_text(SLOW_PACK.format(field=field), encoding="utf-8")
    linter = Linter(load_pack(path).rules)
    posts = [Post(text=text, path="many.csv", number=n, row=n) for n in range(1, 6)]
    results = list(linter.lint(posts))
    assert [findings for _, findings in results] == [[]] * 5
    skipped = [f"many.csv: row {n}: rule slow.backtrack skipped: its regular expression ran out of time "
               "(it probably backtracks too much)" for n in range(1, linter_module.MAX_TIMEOUTS + 1)]
    assert linter.warnings == skipped + [
        f"rule slow.backtrack switched off for the rest of the run after running out of time on "
        f"{linter_module.MAX_TIMEOUTS} posts; fix its pattern ({path}:6)"]


def test_a_slow_pattern_through_the_command_warns_in_every_report(tmp_path):
    """With the real time limit: the run finishes, the warning names the rule, the exit code stands."""
    import json

    from typer.testing import CliRunner

    from postlint.cli import app

    pack = tmp_path / "slow.yaml"
    pack.write_text(SLOW_PACK.format(field="pattern: '(a+)+$'"), encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("a" * 5000 + "b\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "-f", "json", "--packs", str(pack), "--select", "slow", str(draft)])
    assert result.exit_code == 0, result.output
    warning = f"{draft}: post 1: rule slow.backtrack skipped: its regular expression ran out of time"
    assert result.stderr.startswith(f"postlint: warning: {warning}")
    assert json.loads(result.stdout)["warnings"][0].startswith(warning)


def test_unless_in_sentence_cancels_only_within_the_matchs_sentence(lint_one_rule):
    fields = "pattern: '\\bMrs \\w+'\nunless_in_sentence: '\\bconsultant\\b'\nwindow: 60\nignore_case: false"
    assert lint_one_rule("pattern", fields, "Our consultant Mrs Khan runs the clinic.") == []
    assert lint_one_rule("pattern", fields, "Sorry you had to wait, Mrs Khan. The consultant will call you.") == [
        "Mrs Khan"]
    assert lint_one_rule("pattern", fields, "Mrs Khan, consultant, and Mrs Jones. Consultant news.") == []
    # `unless` still reaches across sentences
    across = "pattern: '\\bMrs \\w+'\nunless: '\\bconsultant\\b'\nwindow: 60\nignore_case: false"
    assert lint_one_rule("pattern", across, "Sorry you had to wait, Mrs Khan. The consultant will call you.") == []


def test_unless_in_post_cancels_wherever_it_is(lint_one_rule):
    fields = ("pattern: '\\bMrs \\w+'\nunless_in_post: '\\bgave (?:her )?consent\\b'\nwindow: 10\n"
              "ignore_case: false")
    story = "Thank you to Mrs Jones for sharing her story of stroke care. She gave her consent for this post."
    assert lint_one_rule("pattern", fields, story) == []
    assert lint_one_rule("pattern", fields, "Thank you to Mrs Jones for sharing her story of stroke care.") == [
        "Mrs Jones"]
