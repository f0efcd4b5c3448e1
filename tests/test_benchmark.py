"""benchmarks/pack_rates.py, run as a user would, on a tiny generated corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "pack_rates.py"
POSTS = [
    "Get your flu vaccine at your local pharmacy.",
    "CONFIDENTIAL: draft plans for the walk-in centre",
    "DM me and I'll sort your appointment",
    "Any questions, call Sam on 07700 900461.",
]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=300)


def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "posts.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(POSTS)), encoding="utf-8")
    return path


def test_json_report_gives_shares_per_pack(tmp_path):
    result = run(str(corpus(tmp_path)), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["posts"] == 4
    packs = report["packs"]
    assert {"confidentiality", "patient-contact", "conduct", "all-caps"} <= set(packs)
    assert packs["confidentiality"]["error"] == 0.25
    assert packs["confidentiality"]["warning"] == 0.25
    assert packs["confidentiality"]["flagged"] == 0.5
    assert packs["patient-contact"]["error"] == 0.25
    assert packs["conduct"] == {"error": 0.0, "warning": 0.0, "flagged": 0.0, "top_rules": []}
    rules = dict(packs["confidentiality"]["top_rules"])
    assert rules == {"confidentiality.security-marking": 1, "confidentiality.mobile-number": 1}


def test_table_report_and_show(tmp_path):
    result = run(str(corpus(tmp_path)), "--show", "patient-contact")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("4 posts (share of posts with at least one finding of each severity)")
    assert lines[1].split()[:4] == ["pack", "error", "warning", "flagged"]
    row = next(line for line in lines if line.startswith("patient-contact "))
    assert row.split()[1:4] == ["25.00%", "0.00%", "25.00%"]
    assert "patient-contact.private-channel (1)" in row
    assert any(line.startswith("line 3: patient-contact.private-channel error 'DM me'") for line in lines)


def test_extra_pack_is_measured(tmp_path):
    pack = tmp_path / "extra.yaml"
    pack.write_text("""id: extra
title: Extra
description: A test pack.
source: Test
rules:
  - id: flu
    kind: phrase
    severity: warning
    message: "'{match}'"
    explanation: A test rule that flags the word flu in every post it sees.
    source: Test
    phrases: [flu]
    examples: {flag: [flu], pass: [cold]}
""", encoding="utf-8")
    result = run(str(corpus(tmp_path)), "--packs", str(pack), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["packs"]["extra"]["warning"] == 0.25


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"id": 2}\n', encoding="utf-8")
    result = run(str(bad))
    assert result.returncode == 2
    assert result.stderr.strip() == f"pack_rates: error: {bad}:2: expected an object with a text field"
    missing = run(str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and "nope.jsonl: cannot read" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_labelled_mode_reports_recall_and_false_positives(tmp_path):
    labelled = tmp_path / "labelled.yaml"
    labelled.write_text("""
- {expect: [patient-contact], text: "DM me and I'll sort your appointment"}
- {expect: [patient-contact], text: "Lovely sunny morning in Leek today"}
- {expect: [], text: "Get your flu vaccine at your local pharmacy."}
- {expect: [], text: "CONFIDENTIAL: draft plans for the walk-in centre"}
""", encoding="utf-8")
    result = run(str(labelled), "--labelled", "--json")
    assert result.returncode == 0, result.stderr
    packs = json.loads(result.stdout)["packs"]
    assert set(packs) == {"patient-contact"}
    assert packs["patient-contact"]["recall"] == 0.5
    assert packs["patient-contact"]["misses"] == ["Lovely sunny morning in Leek today"]
    assert packs["patient-contact"]["false_positive_rate"] == 0.0
    table = run(str(labelled), "--labelled")
    assert "patient-contact misses: Lovely sunny morning in Leek today" in table.stdout


def test_labelled_mode_refuses_entries_without_expect(tmp_path):
    labelled = tmp_path / "labelled.yaml"
    labelled.write_text('- {text: "no label"}\n', encoding="utf-8")
    result = run(str(labelled), "--labelled")
    assert result.returncode == 2
    assert result.stderr.strip() == f"pack_rates: error: {labelled}: entry 1: expected {{text: str, expect: [pack ids]}}"
