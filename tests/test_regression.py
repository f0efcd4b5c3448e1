"""Findings stay identical: the reports on the fixed regression corpus
(tests/data/regression, written by tests/regression_corpus.py) must equal the
stored ones exactly, whatever is optimised, linted in one process or several."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from postlint import __version__
from postlint.cli import app
from regression_corpus import COLUMNS, EXPECTED, HERE, arguments


def run(fmt: str, monkeypatch: pytest.MonkeyPatch, *extra: str) -> str:
    monkeypatch.chdir(HERE)
    result = CliRunner().invoke(app, arguments(fmt) + list(extra), env={"COLUMNS": COLUMNS, "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output[-2000:]
    return result.stdout


def expected(fmt: str) -> str:
    return (HERE / EXPECTED[fmt]).read_bytes().decode("utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_json_report_is_unchanged(monkeypatch, jobs):
    raw = run("json", monkeypatch, "--jobs", jobs)
    got, want = json.loads(raw), json.loads(expected("json"))
    assert got["postlint"] == __version__
    # Byte for byte too (the stored report came from the version before the streaming writer).
    assert raw == expected("json").replace(f'"postlint": "{want["postlint"]}"', f'"postlint": "{__version__}"')
    got["postlint"] = want["postlint"]
    assert got["summary"] == want["summary"]
    assert got["findings"] == want["findings"]
    assert got == want


def test_corpus_covers_every_pack_and_reader():
    report = json.loads(expected("json"))
    packs = {f["pack"] for f in report["findings"]}
    assert packs == {p.stem for p in (HERE / "packs").glob("*.yaml")}
    paths = {f["path"].replace("\\", "/").split("/")[0] for f in report["findings"]}
    assert {"scheduled.csv", "bulk.csv", "posts.jsonl", "posts.yaml", "drafts", "notes"} <= paths
    assert 300 <= report["summary"]["posts"] <= 600


def test_human_report_is_unchanged(monkeypatch):
    assert run("human", monkeypatch) == expected("human")


def test_human_report_is_unchanged_in_parallel(monkeypatch):
    assert run("human", monkeypatch, "--jobs", "2") == expected("human")
