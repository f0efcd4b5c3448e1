"""Property-based checks: for any Unicode post and every built-in pack, linting
never raises, spans lie inside the post, and (line, column) point back at the
same text in the file, also for posts read by the real readers (text, Markdown
with front matter, CSV cells with quotes and line breaks, JSON and JSON Lines
with escapes and lone surrogates) in any line-ending style."""

from __future__ import annotations

import pytest
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



@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab\n\r", max_size=30), POSTS, st.text(alphabet="ab\n\r", max_size=30), st.booleans())
def test_a_post_sent_to_a_worker_keeps_its_positions(prefix, text, suffix, doubled):
    """Post.portable keeps only the lines a post lies on; every position in it is unchanged."""
    file_text = prefix + text + suffix
    segments = ((0, len(prefix)), (len(text) // 2, len(prefix) + len(text) // 2)) if doubled else ((0, len(prefix)),)
    post = Post(text=text, path="f", segments=segments, lines=LineIndex.of(file_text))
    portable = post.portable()
    assert len(portable.lines.starts) <= len(post.lines.starts)
    for offset in range(len(text) + 1):
        assert portable.position(offset) == post.position(offset)
        assert portable.end_position(offset) == post.end_position(offset)

# --- through the real readers: positions are checked in the file, not just in the post ---

import csv  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402

from postlint.sources import READERS, Decoded  # noqa: E402

# Text a file of that type can hold as it is: no NUL (it marks a binary file) and no lone surrogate.
FILE_TEXT = POSTS.map(lambda t: t.replace("\x00", ""))
# JSON escapes anything, lone surrogates and NUL included.
JSON_TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=20), st.sampled_from(["\ud800", "\udc00", "\x00"])),
                     max_size=20).map("".join)


def _txt(posts: list[str], newline: str) -> str:
    return posts[0]


def _md(posts: list[str], newline: str) -> str:
    return newline.join(["---", "platform: x", "campaign: 'flu: 2025'", "---", ""]) + posts[0]


def _csv(posts: list[str], newline: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n" if newline == "\r\n" else newline, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["date", "message", "platform"])
    for text in posts:
        writer.writerow(["01/05/2025", text, "x"])
    return out.getvalue()


def _jsonl(posts: list[str], newline: str) -> str:
    return newline.join(json.dumps({"text": t, "n": i}, ensure_ascii=i % 2 == 0) for i, t in enumerate(posts))


def _json(posts: list[str], newline: str) -> str:
    return json.dumps({"posts": [{"message": t} for t in posts]}, indent=1, ensure_ascii=False).replace("\n", newline)


FILES = {".txt": (_txt, FILE_TEXT), ".md": (_md, FILE_TEXT), ".csv": (_csv, FILE_TEXT),
         ".jsonl": (_jsonl, JSON_TEXT), ".json": (_json, JSON_TEXT)}


def produced_by(file_char: str, post_char: str) -> bool:
    """A file character that yields this post character: itself, or the backslash of an escape."""
    return file_char == post_char or file_char == "\\"


@pytest.mark.parametrize("suffix", sorted(FILES))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_findings_through_every_reader_point_at_their_text_in_the_file(suffix, data, newline):
    build, texts = FILES[suffix]
    posts = data.draw(st.lists(texts, min_size=1, max_size=3))
    if suffix == ".csv" and newline == "\r":  # a bare CR ends a CSV record only unquoted; use CRLF rows
        newline = "\r\n"
    file_text = build(posts, newline)
    read = READERS[suffix](Decoded(file_text, "utf-8", False), f"p{suffix}")
    index = LineIndex.of(file_text)
    for post, findings in LINTER.lint(read):
        for f in findings:
            assert 0 <= f.start < f.end <= len(post.text)
            assert f.match == post.text[f.start:f.end]
            assert f.context[f.context_start:f.context_start + len(f.match)] == f.match[:len(f.context)]
            first, last = post.file_offset(f.start), post.file_offset(f.end - 1)
            assert index.starts[f.line - 1] + f.column - 1 == first
            assert index.starts[f.end_line - 1] + f.end_column - 2 == last
            assert produced_by(file_text[first], f.match[0]) and produced_by(file_text[last], f.match[-1])
