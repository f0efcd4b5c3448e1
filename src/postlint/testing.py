"""Runs each rule's own `flag` and `pass` examples, so pack authors (and our
test suite) can check a pack without writing Python."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping

from .linter import Linter
from .model import Post
from .packs import Example, Rule


@dataclass(frozen=True)
class Case:
    """One example of one rule: `expect_flag` says whether the rule must fire."""

    rule: Rule
    example: Example
    expect_flag: bool

    @property
    def id(self) -> str:
        kind = "flag" if self.expect_flag else "pass"
        index = (self.rule.flag if self.expect_flag else self.rule.passes).index(self.example) + 1
        return f"{self.rule.id}-{kind}-{index}"


def cases(rules: Iterable[Rule]) -> Iterator[Case]:
    for rule in rules:
        for ex in rule.flag:
            yield Case(rule, ex, True)
        for ex in rule.passes:
            yield Case(rule, ex, False)


_linters: dict[tuple[int, int], Linter] = {}


def linter_for(rule: Rule, profile: Mapping[str, Any] | None = None) -> Linter:
    """A linter with only this rule (and the organisation `profile`, the built-in one by
    default), cached: compiling once per rule keeps the suite fast."""
    key = (id(rule), id(profile))
    if key not in _linters:
        _linters[key] = Linter([rule], profile=profile)
    return _linters[key]


def run_case(case: Case, profile: Mapping[str, Any] | None = None) -> str | None:
    """None if the example behaves as its pack says, else what went wrong."""
    linter = linter_for(case.rule, profile)
    post = Post(text=case.example.text, path="<example>", platform=case.example.platform)
    _, findings = next(linter.lint([post]))
    fired = [f for f in findings if f.rule == case.rule.id]
    if case.expect_flag and not fired:
        return f"{case.rule.id} should flag: {case.example.text!r}"
    if not case.expect_flag and fired:
        shown = "; ".join(repr(f.match) for f in fired)
        return f"{case.rule.id} should not flag {case.example.text!r} (matched {shown})"
    return None
