"""Held-out labelled posts (tests/data/heldout.yaml), written apart from the
packs' own examples: with every built-in pack enabled, as a user runs them, each
protocol pack must flag at least 90% of its posts (at warning or error) and at
most 3% of the clean ones. Scoring is benchmarks/pack_rates.py's labelled mode."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path

import pytest

from postlint.linter import Linter
from postlint.packs import all_rules

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "data" / "heldout.yaml"
PACKS = ["all-caps", "nhs-jargon", "confidentiality", "brand", "patient-contact", "conduct"]
MIN_RECALL = 0.9
MAX_FALSE_POSITIVES = 0.03


@functools.cache
def _pack_rates():
    """benchmarks/pack_rates.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("pack_rates", ROOT / "benchmarks" / "pack_rates.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["pack_rates"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores(builtin_packs):
    rates = _pack_rates()
    labelled = rates.read_labelled(HELDOUT)
    return rates.score(Linter(all_rules(builtin_packs)), labelled, [p.id for p in builtin_packs])


def test_the_set_is_large_and_labels_known_packs(builtin_packs):
    labelled = _pack_rates().read_labelled(HELDOUT)
    known = {p.id for p in builtin_packs}
    assert all(item.expect <= known for item in labelled)
    assert sum(not item.expect for item in labelled) >= 80
    for pack in PACKS:
        assert sum(pack in item.expect for item in labelled) >= 40, pack


@pytest.mark.parametrize("pack", PACKS)
def test_recall(scores, pack):
    s = scores[pack]
    missed = "\n  ".join(s.misses)
    assert s.recall >= MIN_RECALL, f"{pack} flags {s.recall:.0%} of its posts; it misses:\n  {missed}"


@pytest.mark.parametrize("pack", PACKS)
def test_false_positives(scores, pack):
    s = scores[pack]
    alarms = "\n  ".join(s.false_alarms)
    assert s.false_positive_rate <= MAX_FALSE_POSITIVES, \
        f"{pack} flags {s.false_positive_rate:.1%} of clean posts:\n  {alarms}"
