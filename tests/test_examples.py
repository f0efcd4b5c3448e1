"""The shipped examples show each way postlint is used: a draft with problems, a clean
draft, a scheduler's bulk-upload CSV and a Markdown post with front matter. Linted
through the real command, they must keep finding what the README says they find."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from postlint.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def check(*args: str):
    return CliRunner().invoke(app, ["check", "--no-config", *args], env={"NO_COLOR": "1", "COLUMNS": "100"})


def test_clean_example_passes():
    result = check(str(EXAMPLES / "clean.txt"))
    assert result.exit_code == 0, result.output
    assert "No problems found" in result.stdout


def test_draft_example_fails_with_errors():
    result = check("--format", "json", str(EXAMPLES / "draft.txt"))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["summary"]["error"] >= 1


def test_scheduled_csv_findings_are_reported_by_row():
    result = check("--format", "json", str(EXAMPLES / "scheduled.csv"))
    assert result.exit_code == 1
    found = {(f["row"], f["rule"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {
        (2, "nhs-jargon.unexplained-acronym"),
        (3, "all-caps.whole-post"),
        (3, "accessibility.repeated-emoji"),
        (5, "patient-contact.private-channel"),
        (5, "patient-contact.care-update"),
    }


def test_markdown_post_is_checked_against_its_platform():
    result = check("--format", "json", str(EXAMPLES / "post.md"))
    assert result.exit_code == 1
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["platform.x-length"]


@pytest.mark.parametrize("fail_on,code", [("error", 1), ("never", 0)])
def test_scheduled_csv_as_github_annotations(fail_on, code):
    result = check("--format", "github", "--fail-on", fail_on, str(EXAMPLES / "scheduled.csv"))
    assert result.exit_code == code
    lines = result.stdout.splitlines()
    assert any(line.startswith("::error file=") and "all-caps.whole-post" in line for line in lines)
    assert any(line.startswith("::warning file=") for line in lines)
