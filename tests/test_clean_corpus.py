"""Clean, on-brand posts (tests/data/clean-posts.yaml) must pass every built-in
pack: a pack that cries wolf on ordinary NHS posts gets switched off."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from postlint.linter import Linter
from postlint.model import Post, Severity
from postlint.packs import all_rules

CORPUS = Path(__file__).parent / "data" / "clean-posts.yaml"
POSTS = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def linter(builtin_packs):
    return Linter(all_rules(builtin_packs))


def test_corpus_is_large_and_varied():
    kinds = {p["kind"] for p in POSTS}
    assert len(POSTS) >= 60
    assert len({p["text"] for p in POSTS}) == len(POSTS)
    assert {"campaign", "service", "event", "board", "consultation", "recruitment", "award", "thanks",
            "crisis", "answer", "media"} <= kinds


@pytest.mark.parametrize("number", range(len(POSTS)), ids=[f"{p['kind']}-{i + 1}" for i, p in enumerate(POSTS)])
def test_clean_post_raises_nothing(linter, number):
    entry = POSTS[number]
    post = Post(text=entry["text"], path=str(CORPUS), number=number + 1)
    _, findings = next(linter.lint([post]))
    serious = [f for f in findings if f.severity >= Severity.WARNING]
    unexpected = [f"{f.rule} ({f.severity.label}): {f.match!r}" for f in serious]
    assert not unexpected, f"{post.text!r}: {unexpected}"
