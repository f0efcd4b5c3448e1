"""Small pure pieces: positions, phrase expansion, validators, metrics."""

from __future__ import annotations

import pytest

from postlint.kinds.phrases import expand
from postlint.metrics import syllables
from postlint.model import LineIndex, Post
from postlint.validators import nhs_number, uk_mobile


def test_line_index_handles_lf_crlf_and_cr():
    text = "ab\ncd\r\nef\rgh"
    index = LineIndex.of(text)
    assert index.position(0) == (1, 1)
    assert index.position(text.index("c")) == (2, 1)
    assert index.position(text.index("e")) == (3, 1)
    assert index.position(text.index("h")) == (4, 2)


def test_post_segments_map_offsets_into_the_file():
    file_text = 'x,"say ""hi"" now"\n'
    # the cell text is: say "hi" now ; it starts at file offset 3; "" collapses
    post = Post(text='say "hi" now', path="f.csv", segments=((0, 3), (5, 9), (9, 14)),
                lines=LineIndex.of(file_text))
    assert file_text[post.file_offset(0)] == "s"
    assert file_text[post.file_offset(5)] == "h"
    assert file_text[post.file_offset(9)] == "n"
    assert post.end_position(12) == (1, 18)


@pytest.mark.parametrize("phrase,forms", [
    ("utilise", ["utilise"]),
    ("stakeholder(s)", ["stakeholder", "stakeholders"]),
    ("utilis(e|ed|es|ing)", ["utilise", "utilised", "utilises", "utilising"]),
    ("in  order to", ["in order to"]),
])
def test_expand(phrase, forms):
    assert sorted(expand(phrase)) == sorted(forms)


@pytest.mark.parametrize("number,valid", [
    ("943 476 5919", True), ("4010232137", True), ("469-819-4180", True),
    ("401 023 2138", False), ("999 123 4567", False), ("12345", False),
])
def test_nhs_number_check_digit(number, valid):
    assert nhs_number(number) is valid


@pytest.mark.parametrize("number,valid", [
    ("07700 900866", True), ("+44 7700 900866", True), ("0300 123 4567", False), ("07012 345678", False),
])
def test_uk_mobile(number, valid):
    assert uk_mobile(number) is valid


@pytest.mark.parametrize("word,count", [("the", 1), ("vaccine", 2), ("appointment", 3), ("pharmacy", 3),
                                        ("whole", 1), ("people", 2), ("table", 2), ("female", 2),
                                        ("matches", 2), ("wishes", 2), ("care", 1), ("free", 1)])
def test_syllables(word, count):
    assert syllables(word) == count
