"""Every report format through the real entry point: SARIF against the 2.1.0
schema, GitHub workflow commands with their escaping, --output, and the
progress bar's rule for when to show itself."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from postlint.cli import app
from postlint.report.github import command, escape_data, escape_property
from postlint.report.progress import MIN_POSTS, progress, wants_progress

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
SHOUT = "CLINIC CLOSED TODAY DUE TO STAFF SHORTAGES"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def drafts(tmp_path, monkeypatch) -> Path:
    """A repository with findings in a text file and in a multi-line CSV cell."""
    (tmp_path / ".git").mkdir()
    d = tmp_path / "drafts"
    d.mkdir()
    (d / "shout.txt").write_text(f"{SHOUT}\n", encoding="utf-8")
    (d / "week 1.csv").write_text(f'date,message\n01/05/2025,"Hello, ""all""\n{SHOUT}"\n02/05/2025,{SHOUT}\n',
                                  encoding="utf-8")
    (d / "ok.md").write_text("---\nplatform: x\n---\nBook your flu jab at your GP surgery.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return d


# --- SARIF ---

def test_sarif_validates_and_has_what_code_scanning_needs(drafts):
    result = run("check", "-f", "sarif", "drafts", str(drafts.resolve() / "shout.txt"))
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    rules = {r["id"]: r for r in driver["rules"]}
    rule = rules["all-caps.whole-post"]
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
    assert "Dos and Don'ts" in rule["help"]["text"] and rule["defaultConfiguration"]["level"] == "error"
    results = sarif_run["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"drafts/shout.txt", "drafts/week%201.csv"}  # relative, even for the absolute argument
    for r in results:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    csv_cell = next(r for r in results if r["properties"].get("row") == 1)
    region = csv_cell["locations"][0]["physicalLocation"]["region"]
    # the cell opens on line 2 after `01/05/2025,"` and its doubled quotes count as one character
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (2, 13, 3, 43)
    assert region["snippet"]["text"] == f'Hello, "all"\n{SHOUT}'


def test_sarif_file_outside_the_current_folder_gets_a_file_uri(drafts, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "loud.txt"
    outside.write_text(f"{SHOUT}\n", encoding="utf-8")
    log = json.loads(run("check", "-f", "sarif", str(outside)).stdout)
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    artifacts = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
    assert artifacts and all(a == {"uri": outside.resolve().as_uri()} for a in artifacts)


def test_sarif_levels_follow_severity_overrides(drafts):
    (drafts.parent / ".postlint.yaml").write_text("severity: {all-caps: info}\n", encoding="utf-8")
    log = json.loads(run("check", "-f", "sarif", "drafts").stdout)
    levels = {r["level"] for r in log["runs"][0]["results"] if r["ruleId"].startswith("all-caps.")}
    assert levels == {"note"}
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {r["defaultConfiguration"]["level"] for r in rules if r["id"].startswith("all-caps.")} == {"note"}
    assert "error" in {r["defaultConfiguration"]["level"] for r in rules}  # other packs keep theirs


def test_sarif_reports_unreadable_files_as_notifications(drafts):
    (drafts / "bad.csv").write_text('message\n"never closed\n', encoding="utf-8")
    result = run("check", "-f", "sarif", "drafts")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "bad.csv:2: unterminated quoted cell" in invocation["toolExecutionNotifications"][0]["message"]["text"]


# --- GitHub workflow commands ---

def test_github_escaping():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert command("warning", "x: y, z", file="a,b.txt", line=3) == "::warning file=a%2Cb.txt,line=3::x: y, z"


def test_github_format(drafts):
    result = run("check", "-f", "github", "drafts")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(line.startswith("::error file=") for line in lines)
    one = next(line for line in lines if "shout.txt" in line)
    assert re.fullmatch(r"::error file=drafts/shout.txt,line=1,endLine=1,col=1,endColumn=43,"
                        r"title=postlint all-caps.whole-post::.+", one)
    cell = next(line for line in lines if "(row 2)" in line)
    assert "file=drafts/week 1.csv,line=4,endLine=4,col=12," in cell


def test_github_format_leaves_columns_out_of_a_multi_line_span(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("two.txt").write_text("PLEASE DO NOT COME\nTO A&E TODAY, IT IS FULL\n", encoding="utf-8")
    (line,) = run("check", "-f", "github", "two.txt").stdout.splitlines()
    assert line.startswith("::error file=two.txt,line=1,endLine=2,title=")


def test_github_format_reports_unreadable_files(drafts):
    (drafts / "bad.json").write_text("[", encoding="utf-8")
    result = run("check", "-f", "github", "drafts/bad.json")
    assert result.exit_code == 2
    assert result.stdout.startswith("::error title=postlint::drafts/bad.json:1:2: not valid JSON")


# --- --output ---

@pytest.mark.parametrize("fmt", ["human", "json", "sarif", "github"])
def test_output_file_keeps_the_exit_code(drafts, fmt):
    result = run("check", "-f", fmt, "--output", "report.out", "drafts")
    assert result.exit_code == 1
    assert result.stdout == ""
    text = Path("report.out").read_text(encoding="utf-8")
    assert "all-caps.whole-post" in text and "\x1b[" not in text


def test_output_to_an_unwritable_place(drafts):
    result = run("check", "--output", "no/such/folder/report.json", "drafts")
    assert result.exit_code == 2
    assert "no/such/folder/report.json: cannot write report" in result.stderr


def test_human_report_shows_the_row(drafts):
    out = run("check", "drafts/week 1.csv").stdout
    assert "drafts/week 1.csv:2:13" in out and "(row 1)" in out and "(row 2)" in out


def test_a_long_match_is_shown_on_one_line_with_its_carets(tmp_path, monkeypatch):
    """An Instagram caption 300 characters too long: its context is cut to the width, the
    excess keeping its start and end around an ellipsis, the carets under all of it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "long.md").write_text("---\nplatform: instagram\n---\n" + "Get your flu jab. " * 140 + "Done.\n",
                                      encoding="utf-8")
    result = runner.invoke(app, ["check", "--no-config", "--brief", "long.md"], env={"COLUMNS": "70"})
    context, carets = [line for line in result.stdout.splitlines() if line.startswith("    │")][:2]
    assert len(context) <= 70 and " … " in context and context.endswith("Done.")
    assert carets.rstrip().endswith("^") and len(carets) == len(context)


@pytest.mark.parametrize("before,match,after,room,expected", [
    ("Hi ", "THERE", " all", 20, ("Hi ", "THERE", " all")),  # fits: as it is
    ("x" * 30, "MATCH", "y" * 30, 21, ("…xxxxxx", "MATCH", "yyyyyyyy…")),
    ("", "abcdefghij" * 5, "", 20, ("", "abcdefghija … efghij", "")),
    ("", "💉" * 20, "", 20, ("", "💉💉💉💉💉 … 💉💉💉", "")),  # wide characters count as two columns
])
def test_fitted_context(before, match, after, room, expected):
    from rich.cells import cell_len

    from postlint.report.human import fitted

    got = fitted(before, match, after, room)
    assert got == expected and cell_len("".join(got)) <= room


# --- progress bar ---

class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_for_many_posts_at_a_terminal():
    assert wants_progress(MIN_POSTS, FakeTerminal(), {})
    assert not wants_progress(MIN_POSTS - 1, FakeTerminal(), {})
    assert not wants_progress(MIN_POSTS, io.StringIO(), {})
    assert not wants_progress(MIN_POSTS, FakeTerminal(), {"PRE_COMMIT": "1"})
    assert not wants_progress(MIN_POSTS, FakeTerminal(), {"TERM": "dumb"})


def test_progress_draws_on_a_terminal_and_stays_silent_otherwise(monkeypatch):
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    terminal, pipe = FakeTerminal(), io.StringIO()
    for stream in (terminal, pipe):
        with progress(MIN_POSTS, stream) as advance:
            for _ in range(MIN_POSTS):
                advance()
    assert "Linting" in terminal.getvalue()
    assert pipe.getvalue() == ""


def test_a_long_run_through_the_cli_writes_nothing_to_a_piped_stderr(tmp_path):
    p = tmp_path / "many.jsonl"
    p.write_text("".join(json.dumps({"text": f"Post number {i} is fine."}) + "\n" for i in range(MIN_POSTS + 5)),
                 encoding="utf-8")
    result = run("check", str(p))
    assert result.exit_code == 0 and result.stderr == ""
    assert f"({MIN_POSTS + 5} posts)" in result.stdout
