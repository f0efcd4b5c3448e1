"""Malformed packs are refused with file, line, rule and field; valid ones load."""

from __future__ import annotations

from pathlib import Path

import pytest

from postlint.errors import PackError
from postlint.packs import load_pack

GOOD_RULE = """  - id: r1
    kind: phrase
    severity: warning
    message: "Avoid '{match}'"
    explanation: An explanation long enough to say why this rule matters here.
    source: Protocol, Etiquette
    phrases: [utilise]
    examples: {flag: [utilise it], pass: [use it]}
"""
HEAD = "id: p\ntitle: T\ndescription: D\nsource: S\nrules:\n"


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "pack.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(PackError) as info:
        load_pack(write(tmp_path, text))
    return str(info.value)


def test_good_pack_loads(tmp_path):
    pack = load_pack(write(tmp_path, HEAD + GOOD_RULE))
    assert [r.id for r in pack.rules] == ["p.r1"]


def test_yaml_syntax_error_has_line(tmp_path):
    msg = error_of(tmp_path, HEAD + GOOD_RULE + "  - id: [unclosed\n")
    assert "pack.yaml:" in msg and "line 14" in msg and "YAML syntax error" in msg


@pytest.mark.parametrize("old,new,expect", [
    ("kind: phrase", "kind: magic", ["pack.yaml:7", "r1", "kind", "magic", "known:"]),
    ("severity: warning", "severity: loud", ["pack.yaml:8", "r1", "severity", "loud"]),
    ("    phrases: [utilise]\n", "", ["r1", "phrases", "required"]),
    ("phrases: [utilise]", "phrases: utilise", ["pack.yaml:12", "phrases", "expected a list"]),
    ("phrases: [utilise]", "phrases: [utilise, Utilise]", ["phrases", "twice"]),
    ("message: \"Avoid '{match}'\"", "message: \"Avoid '{word}'\"", ["pack.yaml:9", "placeholder {word}"]),
    ("    source: Protocol, Etiquette\n", "", ["r1", "source", "required"]),
    ("examples: {flag: [utilise it], pass: [use it]}", "examples: {flag: [utilise it]}", ["examples.pass"]),
    ("phrases: [utilise]", "phrases: [utilise]\n    colour: red", ["pack.yaml:13", "unknown field 'colour'"]),
])
def test_rule_errors(tmp_path, old, new, expect):
    assert old in GOOD_RULE
    msg = error_of(tmp_path, HEAD + GOOD_RULE.replace(old, new))
    for part in expect:
        assert part in msg, (part, msg)


def test_duplicate_rule_ids(tmp_path):
    msg = error_of(tmp_path, HEAD + GOOD_RULE + GOOD_RULE)
    assert "duplicate rule id" in msg and "r1" in msg


def test_duplicate_yaml_keys(tmp_path):
    msg = error_of(tmp_path, HEAD + GOOD_RULE.replace("    source:", "    severity: error\n    source:"))
    assert "duplicate key" in msg


def test_invalid_regex_names_rule_and_reason(tmp_path):
    rule = GOOD_RULE.replace("kind: phrase", "kind: pattern").replace("phrases: [utilise]", "pattern: '(unclosed'")
    msg = error_of(tmp_path, HEAD + rule)
    assert "r1" in msg and "pattern" in msg and "invalid regular expression" in msg


def test_token_attributes_needing_a_model_are_refused(tmp_path):
    rule = GOOD_RULE.replace("kind: phrase", "kind: tokens").replace(
        "phrases: [utilise]", "patterns: [[{POS: VERB}]]")
    msg = error_of(tmp_path, HEAD + rule)
    assert "trained spaCy pipeline" in msg


def test_missing_pack_field(tmp_path):
    msg = error_of(tmp_path, "id: p\ntitle: T\nsource: S\nrules:\n" + GOOD_RULE)
    assert "description" in msg and "required" in msg


def test_unknown_pack_field(tmp_path):
    msg = error_of(tmp_path, HEAD.replace("title: T", "title: T\nauthor: me") + GOOD_RULE)
    assert "pack.yaml:3" in msg and "author" in msg


def test_yaml_cannot_construct_objects(tmp_path):
    msg = error_of(tmp_path, "!!python/object/apply:os.system ['echo hi']\n")
    assert "pack.yaml" in msg


def test_not_a_mapping(tmp_path):
    assert "mapping" in error_of(tmp_path, "- just\n- a list\n")
