"""Every flag and pass example of every built-in pack, each with only its own rule enabled.
Select one pack with `pytest -k all-caps`."""

from __future__ import annotations

import pytest

from postlint.packs import all_rules, load_packs
from postlint.testing import cases, run_case

CASES = list(cases(all_rules(load_packs())))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_example(case):
    problem = run_case(case)
    assert problem is None, problem
