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
    # a misspelt name gets the name it is likely a typo of, in place of the list
    ("kind: phrase", "kind: phrses", ["pack.yaml:7", "unknown kind 'phrses' (did you mean 'phrase'?)"]),
    ("    message:", "    mesage:", ["pack.yaml:9", "unknown field 'mesage' (did you mean 'message'?)"]),
    ("phrases: [utilise]", "phrase: [utilise]", ["unknown field 'phrase' (did you mean 'phrases'?)"]),
    ("message: \"Avoid '{match}'\"", "message: \"Avoid '{mach}'\"", ["placeholder {mach} (did you mean 'match'?)"]),
    ("examples: {flag:", "examples: {flags:", ["unknown key 'flags' (did you mean 'flag'?)"]),
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


# --- packs from other people: nothing in one can hang a run or run code ---

PATTERN_RULE = GOOD_RULE.replace("kind: phrase", "kind: pattern")


@pytest.mark.parametrize("field,regex,problem", [
    ("pattern", "(unclosed", "missing )"),
    ("pattern", "[a-", "unterminated character set"),
    ("pattern", "*a", "nothing to repeat"),
    ("pattern", "\\p{Nope}", "unknown property"),
    ("unless", "a{2,1}", "min repeat greater than max repeat"),
    ("near", "(?<=a+)b(", "missing )"),
])
def test_invalid_regex_says_which_rule_which_field_and_what_is_wrong(tmp_path, field, regex, problem):
    spec = "pattern: 'x'" if field != "pattern" else ""
    rule = PATTERN_RULE.replace("phrases: [utilise]", f"{spec}\n    {field}: '{regex}'".strip())
    msg = error_of(tmp_path, HEAD + rule)
    assert "pack.yaml:1" in msg and "rule 'r1'" in msg and f"field '{field}'" in msg
    assert f"invalid regular expression {regex!r}" in msg and problem in msg, msg


def test_token_patterns_may_not_use_regex(tmp_path):
    rule = GOOD_RULE.replace("kind: phrase", "kind: tokens").replace(
        "phrases: [utilise]", "patterns: [[{LOWER: dm}, {TEXT: {REGEX: '(a+)+$'}}]]")
    msg = error_of(tmp_path, HEAD + rule)
    assert "pack.yaml:12" in msg and "REGEX is not allowed" in msg and "kind pattern" in msg


@pytest.mark.parametrize("old,new", [
    ("phrases: [utilise]", "phrases: ['x" + "(a|b)" * 12 + "']"),
    ("kind: phrase", "kind: substitution\n    swaps: {'y" + "(a|b|c)" * 7 + "': z}"),
])
def test_a_phrase_may_not_expand_without_bound(tmp_path, old, new):
    rule = GOOD_RULE.replace(old, new)
    if "swaps" in new:
        rule = rule.replace("    phrases: [utilise]\n", "")
    msg = error_of(tmp_path, HEAD + rule)
    assert "rule 'r1'" in msg and "expands to more than 1000 forms" in msg


def test_a_token_pattern_only_spacy_can_check_is_a_pack_error(tmp_path):
    from typer.testing import CliRunner

    from postlint.cli import app

    rule = GOOD_RULE.replace("kind: phrase", "kind: tokens").replace("phrases: [utilise]",
                                                                      "patterns: [[{LOWER: {IN: 5}}]]")
    pack = write(tmp_path, HEAD + rule)
    draft = tmp_path / "d.txt"
    draft.write_text("dm me", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--packs", str(pack), str(draft)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"postlint: error: {pack}:12: rule 'r1': field 'patterns': ")


def test_every_kind_that_runs_a_pack_regex_does_so_with_a_time_limit():
    """Regexes from packs run only through the pattern kind's helpers (and so its timeout):
    a kind with a regex field must be the pattern kind, built on it, or the cues or
    evidence kind (which run their cues and `unless` through those helpers)."""
    from postlint.kinds import KINDS
    from postlint.kinds.cues import Cues
    from postlint.kinds.evidence import Evidence
    from postlint.kinds.pattern import Pattern

    regex_fields = {"pattern", "unless", "near", "cues"}
    for name, kind in KINDS.items():
        if regex_fields & {f.name for f in kind.fields}:
            assert issubclass(kind, (Pattern, Cues, Evidence)), name
    src = Path(__file__).parent.parent / "src" / "postlint" / "kinds"
    for path in src.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name != "pattern.py":
            assert "timeout=" not in text or path.name == "pattern.py"
            for call in ("self.patterns", "self.unless", "self.near", "self.cues"):
                assert f"{call}." not in text, (path.name, call)  # only through finditer/search_around


def test_only_the_safe_yaml_loader_is_used_anywhere():
    src = Path(__file__).parent.parent / "src" / "postlint"
    uses = []
    for path in src.rglob("*.py"):
        if path.name == "patterncache.py":  # its own test below
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if any(bad in line for bad in ("yaml.load(", "yaml.unsafe", "Loader=", "full_load", "FullLoader",
                                           "UnsafeLoader", "yaml.Loader", "eval(", "exec(", "pickle")):
                uses.append((path.name, line.strip()))
    assert sorted(uses) == [("yamlio.py", "return yaml.load(text, Loader=DATA_LOADER)  # noqa: S506 - a safe loader"),
                            ("yamlio.py", "return yaml.load(text, Loader=loader)  # noqa: S506 - LineLoader subclasses SafeLoader")]
    import yaml

    from postlint.yamlio import DATA_LOADER, LineLoader

    assert issubclass(LineLoader, yaml.SafeLoader) and not issubclass(LineLoader, yaml.FullLoader)
    assert DATA_LOADER in (getattr(yaml, "CSafeLoader", None), yaml.SafeLoader)


def test_compiled_patterns_are_the_only_pickles_read_and_only_through_restricted_unpicklers():
    import ast
    import pickle

    from postlint import patterncache

    source = (Path(__file__).parent.parent / "src" / "postlint" / "patterncache.py").read_text(encoding="utf-8")
    loads = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Attribute) and node.func.attr in ("load", "loads")]
    # every load is of one of the two unpicklers, never pickle.load(s)
    assert loads and all(isinstance(n.func.value, ast.Call) and getattr(n.func.value.func, "id", "")
                         in ("_Plain", "_Patterns") for n in loads)
    assert "eval(" not in source and "exec(" not in source
    for unpickler in (patterncache._Plain, patterncache._Patterns):
        assert issubclass(unpickler, pickle.Unpickler)
        with pytest.raises(pickle.UnpicklingError):
            unpickler.find_class(None, "os", "system")  # type: ignore[arg-type]
    assert patterncache._ALLOWED == ("regex._regex", "compile")


@pytest.mark.parametrize("name,text", [
    ("pack.yaml", "!!python/object/apply:os.system ['touch {marker}']\n"),
    (".postlint.yaml", "select: !!python/object/apply:os.system ['touch {marker}']\n"),
    ("posts.yaml", "- text: !!python/object/apply:os.system ['touch {marker}']\n"),
    ("draft.md", "---\nplatform: !!python/name:os.system\n---\nHello {marker}\n"),
])
def test_nothing_in_a_pack_config_or_post_file_runs_code(tmp_path, monkeypatch, name, text):
    from typer.testing import CliRunner

    from postlint.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    marker = tmp_path / "ran"
    (tmp_path / name).write_text(text.format(marker=marker), encoding="utf-8")
    args = ["check", "--packs", name, "-"] if name == "pack.yaml" else ["check", name if name != ".postlint.yaml"
                                                                         else "-"]
    result = CliRunner().invoke(app, args, input="Hello")
    assert result.exit_code == 2 and "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    assert name in line and ("constructor" in line or "YAML" in line), line
    assert not marker.exists()


def test_two_user_packs_with_one_id_are_refused(tmp_path):
    from postlint.packs import load_packs

    folder = tmp_path / "packs"
    folder.mkdir()
    for name in ("a.yaml", "b.yaml"):
        (folder / name).write_text(HEAD + GOOD_RULE, encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_packs([folder], builtin=False)
    assert str(info.value) == f"{folder / 'b.yaml'}: pack id 'p' is already used by {folder / 'a.yaml'}"
