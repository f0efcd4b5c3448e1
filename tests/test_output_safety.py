"""Issue 7, output: post text and pack text are data. Rich markup is shown
literally, control characters (ANSI escapes, NUL, C1, bidi overrides, line
separators) are escaped in every format, and JSON and SARIF stay valid, parse
back to the same text, for any Unicode, lone surrogates included."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from postlint.cli import app
from postlint.linter import Linter
from postlint.model import LineIndex, Post
from postlint.packs import all_rules, load_packs
from postlint.report import Summary, formats
from postlint.report.text import visible, visible_lines

runner = CliRunner()
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
NASTY = ("PLEASE DO NOT [bold red]COME[/bold red] \x1b[31mHERE\x1b[0m [link=https://x.example]TODAY[/link] "
         "\x00 \x07 \u202eSDRAWKCAB\u202c \x9b2J \u2028 \ud800 \U0001F468\u200d\U0001F469\u200d\U0001F467 \u200f")
# What must never reach a terminal raw: C0 (bar line breaks), DEL, C1, bidi controls, separators, surrogates.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def run(*args: str):
    return runner.invoke(app, list(args))


WHOLE = """id: whole
title: Whole post
description: Flags every post whole, so a report shows all of its text.
source: Test
rules:
  - id: post
    kind: pattern
    severity: error
    message: "The post: {match}"
    explanation: Every post is flagged, whole, so that the report must show all of its text.
    source: Test
    pattern: '(?s)\\A.+'
    examples: {flag: [a], pass: [" "]}
"""


@pytest.fixture
def nasty(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("whole.yaml").write_text(WHOLE, encoding="utf-8")
    p = Path("posts.json")
    p.write_text(json.dumps([{"text": NASTY}]), encoding="ascii")  # \u escapes: NUL and the surrogate too
    return p


def check(fmt: str, path: Path, *args: str):
    return run("check", "-f", fmt, "--packs", "whole.yaml", "--select", "whole", *args, str(path))


def assert_printable(out: str) -> None:
    assert not RAW.search(out), repr(RAW.search(out).group())
    out.encode("utf-8")  # no lone surrogate reached the output


def test_human_report_shows_markup_literally_and_escapes_controls(nasty):
    result = check("human", nasty, "--color")
    assert result.exit_code == 1
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # the report's own colours
    assert_printable(plain)
    for shown in ("[bold red]COME[/bold red]", "[link=https://x.example]TODAY[/link]", "\\x1b[31mHERE\\x1b[0m",
                  "\\x00", "\\x07", "\\u202eSDRAWKCAB\\u202c", "\\x9b2J", "\\u2028", "\\ud800", "\\u200f"):
        assert shown in plain, shown


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_and_sarif_are_valid_and_give_back_the_exact_text(nasty, fmt):
    result = check(fmt, nasty)
    assert result.exit_code == 1
    assert_printable(result.stdout)
    data = json.loads(result.stdout)
    if fmt == "sarif":
        jsonschema.Draft4Validator(SCHEMA).validate(data)
        matches = [r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]
                   for r in data["runs"][0]["results"]]
    else:
        matches = [f["match"] for f in data["findings"]]
    assert matches == [NASTY]


def test_github_annotations_escape_controls_and_keep_one_command_per_line(nasty):
    result = check("github", nasty)
    assert result.exit_code == 1
    assert_printable(result.stdout)
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith("::") for line in lines)
    assert any("[bold red]COME[/bold red] \\x1b[31mHERE" in line for line in lines)


PACK = """id: odd
title: "[bold]Odd[/bold] \\e[31mpack"
description: A pack whose text tries to style the terminal.
source: "[italic]Somewhere[/italic]"
rules:
  - id: word
    kind: phrase
    severity: warning
    message: "Avoid '{match}' [red]now[/red] \\e[5m"
    explanation: "An explanation with [bold]markup[/bold] and an escape \\e[2J that clears the screen."
    source: "Guide \\u202eedcba\\u202c"
    phrases: [blink]
    examples:
      flag: ["[bold]blink[/bold] \\e[31mred"]
      pass: ["\\u202eknilb"]
"""


@pytest.fixture
def odd_pack(tmp_path) -> Path:
    p = tmp_path / "odd.yaml"
    p.write_text(PACK, encoding="utf-8")
    return p


def test_explain_and_rules_show_a_pack_s_text_literally(odd_pack):
    result = run("explain", "--packs", str(odd_pack), "odd.word")
    assert result.exit_code == 0, result.output
    assert_printable(result.stdout)
    for shown in ("[red]now[/red] \\x1b[5m", "[bold]markup[/bold]", "\\x1b[2J", "Guide \\u202eedcba\\u202c",
                  "[bold]blink[/bold] \\x1b[31mred", "\\u202eknilb"):
        assert shown in result.stdout, shown
    result = run("rules", "--packs", str(odd_pack))
    assert result.exit_code == 0
    assert_printable(result.stdout)
    assert "[bold]Odd[/bold] \\x1b[31mpack" in result.stdout


def test_fix_report_and_diff_keep_post_text_inert(tmp_path, odd_pack):
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK.replace("id: odd", "id: house").replace("kind: phrase", "kind: substitution")
                    .replace("phrases: [blink]", "swaps: {blink: wink}"), encoding="utf-8")
    draft = tmp_path / "d.txt"
    original = "[bold] blink [/bold] \x1b[31mnow\x1b[0m\n"
    draft.write_text(original, encoding="utf-8")
    args = ["fix", "--packs", str(pack), "--select", "house"]
    diff = run(*args, "--diff", str(draft))
    assert diff.exit_code == 1
    # Piped, the diff is exact, so `patch` applies it; at a terminal it is shown through visible_lines.
    assert f"-{original}+{original.replace('blink', 'wink')}" in diff.stdout
    assert visible_lines(diff.stdout) == diff.stdout.replace("\x1b", "\\x1b")
    result = run(*args, str(draft))
    assert draft.read_text(encoding="utf-8") == original.replace("blink", "wink")
    assert_printable(result.stdout)
    assert "'blink' → 'wink'" in result.stdout


def test_visible_keeps_text_and_escapes_only_what_a_terminal_would_act_on():
    assert visible("[bold]é 😷 \u200d\t|") == "[bold]é 😷 \u200d |"
    assert visible("\x1b\x00\x7f\x85\u202e\u2029\ud800") == "\\x1b\\x00\\x7f\\x85\\u202e\\u2029\\ud800"
    assert visible_lines("a\x1b\r\nb\rc\n") == "a\\x1b\r\nb\rc\n"
    assert visible_lines("a\rb\n", cr="\n") == "a\nb\n"


# --- any Unicode at all, through every reporter ---

LINTER = Linter(all_rules(load_packs()))
ODD = st.sampled_from(["\ud800", "\udfff", "\x00", "\x1b[31m", "\u202e", "\x9b", "\u2028", "\r", "\r\n", "[b]",
                       "NHS", "CLINIC CLOSED", "#FluJab", "👨‍👩‍👧", "\ufeff", "%0A", "::error::", ",:"])
ANY_TEXT = st.lists(st.one_of(ODD, st.text(max_size=15)), min_size=1, max_size=12).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_every_reporter_survives_any_unicode(text):
    post = Post(text=text, path="p\u202e.json", lines=LineIndex.of(text))
    results = list(LINTER.lint([post]))
    summary = Summary(files=1, errors=["bad\x1b.txt: broken \ud800"], warnings=["slow \u2028 rule"])
    outputs = {}
    for name, reporter_class in formats().items():
        out = io.StringIO()
        reporter = reporter_class(out, color=False, rules=LINTER.effective_rules())
        for p, findings in results:
            summary.add(findings)
            reporter.post(p, findings)
        reporter.finish(summary)
        outputs[name] = out.getvalue()
        assert_printable(outputs[name])
    findings = results[0][1]
    data = json.loads(outputs["json"])
    # As JSON itself reads it: two lone surrogates that happen to be a pair become one character.
    assert [f["match"] for f in data["findings"]] == [json.loads(json.dumps(f.match)) for f in findings]
    sarif = json.loads(outputs["sarif"])
    assert [r["message"]["text"] for r in sarif["runs"][0]["results"]] == [json.loads(json.dumps(f.message))
                                                                           for f in findings]
    assert all(line.startswith("::") for line in outputs["github"].splitlines())
