"""`postlint fix` over every reader: a replacement is written back the way the
file stores the text (CSV quoting, JSON and YAML escaping), never where it
could not be written in place, and the config applies to fix as to check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from postlint.cli import app
from postlint.fixes import ESCAPES

runner = CliRunner()


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def fix(*args: str):
    return runner.invoke(app, ["fix", *args])


@pytest.mark.parametrize("name,before,after,parse", [
    ("a.csv", 'date,message\n01/05/2025,We will utilise it\n02/05/2025,"Say ""utilise"", then utilise"\n',
     'date,message\n01/05/2025,We will use it\n02/05/2025,"Say ""use"", then use"\n', None),
    ("b.json", '[{"text": "We will utilise the caf\\u00e9 \\"now\\""}]',
     '[{"text": "We will use the caf\\u00e9 \\"now\\""}]', json.loads),
    ("c.yaml", "- text: We will utilise it\n- text: 'It''s time to utilise it'\n- text: \"Please utilise \\\"it\\\"\"\n"
               "- text: |\n    Please utilise\n    the clinic\n",
     "- text: We will use it\n- text: 'It''s time to use it'\n- text: \"Please use \\\"it\\\"\"\n"
     "- text: |\n    Please use\n    the clinic\n", yaml.safe_load),
    ("d.md", "---\nplatform: x\n---\nWe will utilise the clinic.\n", "---\nplatform: x\n---\nWe will use the clinic.\n",
     None),
    ("e.csv", 'date;message\n01/05/2025;We will utilise it\n02/05/2025;"Say ""utilise""; then utilise"\n',
     'date;message\n01/05/2025;We will use it\n02/05/2025;"Say ""use""; then use"\n', None),
])
def test_fix_writes_back_in_the_file_s_own_escaping(here, name, before, after, parse):
    p = here / name
    p.write_text(before, encoding="utf-8", newline="")
    result = fix("--select", "nhs-jargon", name)
    assert result.exit_code in (0, 1), result.output
    assert p.read_text(encoding="utf-8") == after
    if parse:
        parse(after)  # still valid JSON / YAML
    assert fix("--diff", "--select", "nhs-jargon", name).exit_code == 0  # settled


@pytest.mark.parametrize("escape,text,written", [
    ("csv-unquoted", "use", "use"), ("csv-unquoted", "use, then", None), ("csv-unquoted", 'say "hi"', None),
    ("csv-unquoted", "use; then", None), ("csv-unquoted", "use\tthen", None),
    ("csv-quoted", 'say "hi"', 'say ""hi""'),
    ("json-string", 'a "b"\n\\', 'a \\"b\\"\\n\\\\'),
    ("yaml-plain", "use", "use"), ("yaml-plain", "note: this", None), ("yaml-plain", "a #tag", None),
    ("yaml-single", "it's", "it''s"), ("yaml-block", "two\nlines", None),
])
def test_escapes(escape, text, written):
    assert ESCAPES[escape](text) == written


def test_fix_leaves_a_replacement_that_would_break_an_unquoted_cell(here, tmp_path):
    pack = tmp_path / "packs" / "comma.yaml"
    pack.parent.mkdir()
    pack.write_text("""
id: comma
title: Comma swaps
description: A swap whose suggestion has a comma.
source: Tests
rules:
  - id: swap
    kind: substitution
    severity: error
    message: "Say {suggestion}"
    explanation: A test rule whose only suggestion contains a comma, which an unquoted CSV cell cannot hold.
    source: Tests
    swaps: {asap: "soon, today"}
    examples:
      flag: ["Come asap"]
      pass: ["Come soon"]
""", encoding="utf-8")
    p = here / "s.csv"
    original = "date,message\n01/05/2025,Come asap\n02/05/2025,\"Come asap\"\n"
    p.write_text(original, encoding="utf-8")
    fix("--packs", str(pack), "--select", "comma", "s.csv")
    assert p.read_text(encoding="utf-8") == 'date,message\n01/05/2025,Come asap\n02/05/2025,"Come soon, today"\n'


def test_fix_honours_the_config(here):
    (here / ".postlint.yaml").write_text("exclude: [archive/]\nper_file_ignores: {'keep/*': [nhs-jargon]}\n",
                                         encoding="utf-8")
    for folder in ("drafts", "keep", "archive"):
        (here / folder).mkdir()
        (here / folder / "p.txt").write_text("We will utilise the clinic.\n", encoding="utf-8")
    fix("drafts", "keep", "archive/p.txt")
    assert (here / "drafts" / "p.txt").read_text(encoding="utf-8") == "We will use the clinic.\n"
    for folder in ("keep", "archive"):
        assert (here / folder / "p.txt").read_text(encoding="utf-8") == "We will utilise the clinic.\n"
