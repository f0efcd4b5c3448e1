"""benchmarks/train_classifier.py, run as a user would: it trains a classifier rule on
a few labelled posts, cross-validates, and writes the model into a pack that then
loads and flags what it learnt, with nothing else in the pack changed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from postlint.linter import Linter
from postlint.model import Post
from postlint.packs import load_packs

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "train_classifier.py"
GRIPES = ["Rota out late again, fuming", "Fuming that nobody fixed the rota", "Third rota change this week, fuming",
          "Rota chaos again, nobody listens"]
CLEAN = ["Flu jabs at the clinic today", "Thank you to our ward team", "Book your jab in the NHS App",
         "Our clinic opens at 9 on Monday"]
PACK = """id: one
title: One rule
description: test
source: test
rules:
  - id: model
    kind: classifier
    severity: warning
    summary: test
    message: "gripe ({evidence})"
    explanation: test
    source: test
    examples: {flag: ["Fuming about the rota again"], pass: ["Flu jabs at the clinic today"]}
    bias: 0
    threshold: 1
    weights:
      placeholder: 1
"""


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=300)


def inputs(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    sets = []
    for name, gripes, clean in (("set-a", GRIPES[:2], CLEAN[:2]), ("set-b", GRIPES[2:], CLEAN[2:])):
        path = tmp_path / f"{name}.yaml"
        entries = [{"expect": ["one"], "text": t} for t in gripes] + [{"expect": [], "text": t} for t in clean]
        path.write_text(json.dumps(entries), encoding="utf-8")
        sets.append(path)
    news = tmp_path / "news.jsonl"
    news.write_text("".join(json.dumps({"text": f"Post {i} about the weather"}) + "\n"
                            for i in range(40)), encoding="utf-8")
    pack = tmp_path / "one.yaml"
    pack.write_text(PACK, encoding="utf-8")
    return sets[0], sets[1], news, pack


def test_trains_and_writes_a_model_the_pack_then_uses(tmp_path):
    a, b, news, pack = inputs(tmp_path)
    result = run("one.model", "--pack", str(pack), "--labelled", str(a), str(b), "--negatives", str(news),
                 "--l1", "0.1", "--write")
    assert result.returncode == 0, result.stderr
    assert "recall 4/4" in result.stdout
    text = pack.read_text(encoding="utf-8")
    assert text.startswith(PACK.split("    bias:")[0])  # everything before the model is untouched
    assert "placeholder" not in text and '"fuming":' in text
    rules = next(p for p in load_packs([pack]) if p.id == "one").rules
    results = list(Linter(rules).lint([Post(text="Fuming, the rota is late again", path="t"),
                                       Post(text="Flu jabs at the clinic on Monday", path="t")]))
    assert [len(findings) for _, findings in results] == [1, 0]
    assert "'fuming'" in results[0][1][0].message


def test_cross_validation_scores_each_set_left_out(tmp_path):
    a, b, news, pack = inputs(tmp_path)
    result = run("one.model", "--pack", str(pack), "--labelled", str(a), str(b), "--negatives", str(news),
                 "--l1", "0.1", "--cv")
    assert result.returncode == 0, result.stderr
    assert "set-a: recall" in result.stdout and "set-b: recall" in result.stdout
    assert "left out in turn: recall" in result.stdout
    assert pack.read_text(encoding="utf-8") == PACK  # --cv writes nothing
