"""Property-based checks: for any Unicode post and every built-in pack, linting
never raises, spans lie inside the post, and (line, column) point back at the
same text in the file."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint.linter import Linter
from postlint.model import LineIndex, Post
from postlint.packs import all_rules, load_packs

LINTER = Linter(all_rules(load_packs()))

# Text biased towards what posts contain: words, capitals, digits, line breaks,
# hashtags, handles, links, emoji and odd code points.
FRAGMENTS = st.sampled_from([
    "NHS", "CLINIC CLOSED", "please DO NOT", " ", "\n", "\r\n", "\r", "#FluJab", "@StaffsICB",
    "https://www.nhs.uk/a", "943 476 5919", "07700 900866", "😷", "👨‍👩‍👧", "é", "\u202e", "\x00", "\x1b[31m",
    "utilise", "(PCN)", "A&E", ".", "!", "’", "\ufeff", "𝐁𝐨𝐥𝐝",
])
POSTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=30).map("".join)


def to_file_column(text: str, line: int, column: int) -> int:
    return LineIndex.of(text).starts[line - 1] + column - 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(POSTS)
def test_lint_never_raises_and_positions_map_back(text):
    post = Post(text=text, path="p.txt", lines=LineIndex.of(text))
    _, findings = next(LINTER.lint([post]))
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert f.match == text[f.start:f.end]
        start = to_file_column(text, f.line, f.column)
        assert start == f.start
        end = to_file_column(text, f.end_line, f.end_column - 1) + 1
        assert end == f.end


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40), POSTS)
def test_offset_posts_map_into_the_file(prefix, text):
    """A post that starts part-way into a file (like a CSV cell) maps into the file, not the post."""
    file_text = prefix + text
    post = Post(text=text, path="f", segments=((0, len(prefix)),), lines=LineIndex.of(file_text))
    _, findings = next(LINTER.lint([post]))
    for f in findings:
        assert to_file_column(file_text, f.line, f.column) == len(prefix) + f.start
