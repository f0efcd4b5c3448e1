"""What a finding underlines: the words that break the rule, not the text around
them (the report shows that as context, and a fix rewrites only the match)."""

from __future__ import annotations

import pytest

from postlint.linter import Linter
from postlint.model import Post
from postlint.packs import all_rules


@pytest.fixture(scope="module")
def linter(builtin_packs) -> Linter:
    return Linter(all_rules(builtin_packs))


@pytest.mark.parametrize("rule,text,matches", [
    # the invitation, never the number or address it leads to (confidentiality reports those)
    ("patient-contact.private-channel", "Text me on 07700 900123 if you have questions", ["Text me on"]),
    ("patient-contact.private-channel", "You can reach me at jo.b@example.com any time", ["reach me at"]),
])
def test_a_finding_underlines_only_its_own_words(linter, rule, text, matches):
    _, findings = next(linter.lint([Post(text=text, path="t")]))
    assert [f.match for f in findings if f.rule == rule] == matches
