"""Linter behaviour shared by all kinds: protected spans, ignores, platforms, severities."""

from __future__ import annotations

from pathlib import Path

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
