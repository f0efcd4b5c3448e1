"""Every reader: what it reads, and that each post character maps back to the
file character that produced it, so findings point at the right line and column."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.errors import InputError
from postlint.model import Post
from postlint.readers.fields import ReadOptions
from postlint.sources import read_path


def read(tmp_path: Path, name: str, content: str, **options: str) -> list[Post]:
    p = tmp_path / name
    p.write_bytes(content.encode("utf-8"))
    return read_path(p, name, ReadOptions(**options))


def produced_by(file_char: str, post_char: str) -> bool:
    """Could this file character have produced this post character? Itself, an
    escape's backslash, or a line break folded into a space or newline."""
    return file_char == post_char or file_char == "\\" or (file_char in "\r\n" and post_char in " \n")


def assert_maps_back(post: Post, file_text: str, exact: bool = False) -> None:
    offsets = [post.file_offset(k) for k in range(len(post.text))]
    assert offsets == sorted(set(offsets)), "offsets must increase"
    for k, ch in enumerate(post.text):
        got = file_text[offsets[k]]
        assert (got == ch) if exact else produced_by(got, ch), (k, ch, got)


def text_at(file_text: str, line: int, col: int) -> str:
    """The file's text from a 1-based line and column to the end of that line."""
    return file_text.splitlines()[line - 1][col - 1:]


def slice_at(file_text: str, line: int, col: int, end_line: int, end_col: int) -> str:
    lines = file_text.splitlines(keepends=True)
    start = sum(len(x) for x in lines[: line - 1]) + col - 1
    end = sum(len(x) for x in lines[: end_line - 1]) + end_col - 1
    return file_text[start:end]


# Any character a text file can hold (no NUL: that marks a binary file; no lone surrogates).
TEXT_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


# --- CSV ---

def test_csv_headed_with_platform_ignore_and_meta(tmp_path):
    text = ('Date,Time_24hr,Message_Text,Platform,postlint_ignore\n'
            '01/05/2025,09:00,"Say ""hi"", all",X,"all-caps, plain.jargon"\n'
            '\n'
            '02/05/2025,10:00,"Line one\nline two",,\n'
            '03/05/2025,11:00,,,\n')
    posts = read(tmp_path, "s.csv", text)
    assert [p.text for p in posts] == ['Say "hi", all', "Line one\nline two"]
    first, second = posts
    assert (first.row, first.number, first.platform) == (1, 1, "x")
    assert first.ignore == ("all-caps", "plain.jargon")
    assert first.meta == {"Date": "01/05/2025", "Time_24hr": "09:00", "escape": "csv-quoted"}
    assert (second.row, second.platform, second.ignore) == (3, None, ())
    for p in posts:
        assert_maps_back(p, text, exact=True)
    assert second.position(second.text.index("line two")) == (5, 1)


def test_csv_headerless_bulk_upload_layout(tmp_path):
    text = "25/12/2024 09:30,Happy Christmas from us,https://example.nhs.uk\r\n26/12/2024 10:05,Boxing Day opening\r\n"
    posts = read(tmp_path, "b.csv", text)
    assert [(p.row, p.text) for p in posts] == [(1, "Happy Christmas from us"), (2, "Boxing Day opening")]
    assert posts[0].meta == {"date": "25/12/2024 09:30", "link": "https://example.nhs.uk", "escape": "csv-unquoted"}
    assert posts[1].position(0) == (2, 18)


@pytest.mark.parametrize("sep", [";", "\t"])
def test_csv_separated_by_semicolons_or_tabs(tmp_path, sep):
    """A spreadsheet saved with semicolons or tabs: the first line has no comma."""
    text = f'date{sep}message{sep}platform\n01/12/2026{sep}"Flu clinic today, 9am{sep} Leek"{sep}x\n'
    (post,) = read(tmp_path, "s.csv", text)
    assert post.text == f"Flu clinic today, 9am{sep} Leek"
    assert post.platform == "x" and post.meta["date"] == "01/12/2026"
    assert_maps_back(post, text, exact=True)


def test_a_comma_on_the_first_line_makes_commas_the_separator(tmp_path):
    posts = read(tmp_path, "c.csv", "message,note\nHello; there,a;b\n")
    assert [(p.text, p.meta["note"]) for p in posts] == [("Hello; there", "a;b")]


def test_csv_configured_text_column(tmp_path):
    posts = read(tmp_path, "c.csv", "when,Body\nmonday,Hello there\n", text_field="body")
    assert [p.text for p in posts] == ["Hello there"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(alphabet=TEXT_CHARS, min_size=1), min_size=2,
                         max_size=3), min_size=1, max_size=4),
       # (QUOTE_MINIMAL with a "\n" terminator leaves a bare "\r" unquoted: not valid CSV)
       st.sampled_from([(csv.QUOTE_MINIMAL, "\r\n"), (csv.QUOTE_ALL, "\n"), (csv.QUOTE_ALL, "\r\n")]),
       st.sampled_from([",", ";", "\t"]))
def test_csv_cells_round_trip_and_map_back(tmp_path_factory, rows, dialect, sep):
    quoting, newline = dialect
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=quoting, lineterminator=newline, delimiter=sep)
    writer.writerow(["message", "other", "more"][: len(rows[0])])
    for row in rows:
        writer.writerow(row)
    text = buf.getvalue()
    posts = read(tmp_path_factory.mktemp("csv"), "p.csv", text)
    expected = [(i, r[0]) for i, r in enumerate(rows, start=1) if r[0].strip()]
    assert [(p.row, p.text) for p in posts] == expected
    for p in posts:
        assert_maps_back(p, text, exact=True)


# --- Markdown ---

def test_markdown_front_matter(tmp_path):
    text = "---\nplatform: Facebook\npublish_at: 2025-05-01 09:00\nignore: [all-caps]\ncampaign: flu\n---\nGet your flu jab.\n"
    (post,) = read(tmp_path, "d.md", text)
    assert post.text == "Get your flu jab.\n"
    assert (post.platform, post.ignore) == ("facebook", ("all-caps",))
    assert set(post.meta) == {"publish_at", "campaign"}
    assert post.position(0) == (7, 1)
    assert_maps_back(post, text, exact=True)


def test_markdown_without_front_matter_is_the_whole_file(tmp_path):
    (post,) = read(tmp_path, "d.md", "Just a post\n---\nwith a rule line\n")
    assert post.text.startswith("Just a post") and post.position(0) == (1, 1)


# --- JSON, JSON Lines, YAML ---

def test_json_list_of_objects_and_texts(tmp_path):
    text = json.dumps({"posts": [{"text": 'caf\u00e9 "quoted"\nnext', "platform": "x", "ignore": ["a"], "id": 7},
                                 "just text \U0001f600 here", {"text": "  "}]}, indent=2)
    posts = read(tmp_path, "p.json", text)
    assert [p.text for p in posts] == ['caf\u00e9 "quoted"\nnext', "just text \U0001f600 here"]
    assert (posts[0].platform, posts[0].ignore, posts[0].meta) == ("x", ("a",), {"id": 7, "escape": "json-string"})
    assert [p.number for p in posts] == [1, 2]
    for p in posts:
        assert_maps_back(p, text)
    assert text_at(text, *posts[0].position(posts[0].text.index("next"))).startswith("next\",")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=TEXT_CHARS, min_size=1), min_size=1, max_size=4),
       st.booleans())
def test_json_strings_map_back_through_escapes(tmp_path_factory, texts, ascii_only):
    text = json.dumps([{"message": t} for t in texts], ensure_ascii=ascii_only)
    posts = read(tmp_path_factory.mktemp("json"), "p.json", text)
    assert [p.text for p in posts] == [t for t in texts if t.strip()]
    for p in posts:
        assert_maps_back(p, text)
        for k, ch in enumerate(p.text):  # a character is either itself or starts an escape
            assert text[p.file_offset(k)] in (ch, "\\")


def test_jsonl(tmp_path):
    text = '{"message": "first"}\n\n  {"message": "second", "platform": "linkedin"}\n"third"\n'
    posts = read(tmp_path, "p.jsonl", text)
    assert [(p.number, p.text, p.platform) for p in posts] == [(1, "first", None), (2, "second", "linkedin"),
                                                               (3, "third", None)]
    assert posts[1].position(0) == (3, 16)


@pytest.mark.parametrize("name,text", [
    ("p.jsonl", '{"text": "hello", "id": "a1", "tags": ["x", {"k": "v"}]}\n'),
    ("p.yaml", "- text: hello\n  id: a1\n  tags: [x, {k: v}]\n"),
])
def test_other_fields_are_kept_as_plain_values(tmp_path, name, text):
    """A post's other fields are kept for as long as its file is linted: as plain strings,
    not the readers' Located ones (each with an attribute dict of its own)."""
    (post,) = read(tmp_path, name, text)
    assert post.meta["id"] == "a1" and post.meta["tags"] == ["x", {"k": "v"}]
    assert type(post.meta["id"]) is str and type(post.meta["tags"][0]) is str
    assert type(post.meta["tags"][1]) is dict and type(post.meta["tags"][1]["k"]) is str


@pytest.mark.parametrize("name,text,expect", [
    ("c.csv", "a,b\n1,2\n", "c.csv:1: the header row has no text field"),
    ("c.csv", 'message\n"never closed\nmore\n', "c.csv:2: unterminated quoted cell"),
    ("d.md", "---\nplatform: x\nno end\n", "d.md:1: front matter opened with '---' is never closed"),
    ("d.md", "---\nplatform: [x\n---\nText\n", "d.md:3: front matter: YAML syntax error"),
    ("d.md", "---\nignore: 3\n---\nText\n", "d.md:2: front matter: 'ignore': expected a list of rule ids"),
    ("d.md", "---\n- a list\n---\nText\n", "d.md:2: front matter: expected 'key: value' lines"),
    ("d.md", "---\ntitle: x\nplatform: myspace\n---\nText\n", "d.md:3: front matter: 'platform': unknown platform"),
    ("c.csv", "message,platform\nhello,Twitter\nhi,tiktok\n", "c.csv:3: row 2: 'platform': unknown platform"),
    ("p.json", '[{"text": "a"}, {"body": "b"}]', "p.json:1: post 2: no text field"),
    ("p.json", '[{"text": 5}]', "p.json: post 1: 'text': expected text"),
    ("p.json", '{"text": "a"}', "p.json: expected a list of posts"),
    ("p.json", '[{"text": "a",}]', "p.json:1:15: not valid JSON"),
    ("p.jsonl", '{"text": "a"} {"text": "b"}\n', "p.jsonl:1: each line must hold exactly one JSON value"),
    ("p.yaml", "- text: a\n- platform: x\n", "p.yaml:2: post 2: no text field"),
    ("p.yaml", "- text: [a\n", "p.yaml:2: YAML syntax error"),
])
def test_reader_errors_name_file_and_line(tmp_path, name, text, expect):
    with pytest.raises(InputError) as err:
        read(tmp_path, name, text)
    assert str(err.value).startswith(expect)
    assert "\n" not in str(err.value)


YAML_FILE = """\
- text: plain text on one line
  platform: x
- text: 'it''s single quoted'
- text: "double \\"quoted\\" caf\\u00e9\\n"
- text: |
    A literal block
      with an indented line
    and a last one
- text: >
    A folded block
    that joins lines

    and keeps a paragraph
- text: a plain scalar
    that runs on
- Just a string item
"""


def test_yaml_styles_map_back_exactly_where_they_can(tmp_path):
    posts = read(tmp_path, "p.yaml", YAML_FILE)
    assert [p.text for p in posts] == [
        "plain text on one line", "it's single quoted", 'double "quoted" caf\u00e9\n',
        "A literal block\n  with an indented line\nand a last one\n",
        "A folded block that joins lines\nand keeps a paragraph\n",
        "a plain scalar that runs on", "Just a string item"]
    for p in posts:
        assert_maps_back(p, YAML_FILE)
    literal = posts[3]
    assert literal.position(literal.text.index("with")) == (7, 7)
    folded = posts[4]
    assert folded.position(folded.text.index("and keeps")) == (13, 5)
    assert posts[1].position(posts[1].text.index("s single")) == (3, 14)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1),
                min_size=1, max_size=3),
       st.sampled_from([None, "'", '"', "|", ">"]))
def test_yaml_values_map_back(tmp_path_factory, texts, style):
    text = yaml.safe_dump([{"text": t} for t in texts], default_style=style, allow_unicode=True, width=20)
    try:
        posts = read(tmp_path_factory.mktemp("yaml"), "p.yaml", text)
    except InputError:  # default_style applies to keys too; a few combinations are not valid YAML input
        return
    assert [p.text for p in posts] == [t for t in texts if t.strip()]
    for p in posts:
        assert_maps_back(p, text)


# --- through the CLI: every finding's line and column point at its match ---

SHOUT = "CLINIC CLOSED TODAY DUE TO STAFF SHORTAGES"


@pytest.mark.parametrize("name,content", [
    ("a.csv", f'date,message,platform\n01/05/2025,"Hi ""all""\n{SHOUT}",x\n02/05/2025,{SHOUT},x\n'),
    ("b.csv", f'25/12/2024 09:30,"{SHOUT}",https://example.nhs.uk\n'),
    ("c.md", f"---\nplatform: x\n---\n\n{SHOUT}\n"),
    ("d.json", json.dumps([{"text": f"caf\u00e9\n{SHOUT}"}, {"text": SHOUT}], indent=1)),
    ("e.jsonl", json.dumps({"text": SHOUT}) + "\n" + json.dumps({"post": SHOUT}) + "\n"),
    ("f.yaml", f"- text: |\n    {SHOUT}\n- text: '{SHOUT}'\n"),
    ("g.txt", f"\n\n   {SHOUT}\n"),
])
def test_every_reader_positions_through_the_cli(tmp_path, name, content):
    from typer.testing import CliRunner

    from postlint.cli import app

    p = tmp_path / name
    p.write_text(content, encoding="utf-8", newline="")
    result = CliRunner().invoke(app, ["check", "-f", "json", str(p)])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    assert findings
    decode = {".csv": lambda s: s.replace('""', '"'), ".json": lambda s: json.loads(f'"{s}"')}
    for f in findings:
        got = slice_at(content, f["line"], f["column"], f["end_line"], f["end_column"])
        assert decode.get(p.suffix, str)(got) == f["match"], f
        assert ("row" in f) is name.endswith(".csv")


def test_malformed_csv_through_the_cli_is_one_line_naming_file_and_line(tmp_path):
    from typer.testing import CliRunner

    from postlint.cli import app

    p = tmp_path / "bulk.csv"
    p.write_text('date,message\n01/05/2025,"fine"\n02/05/2025,"never closed\nstill going\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(p)])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [f"postlint: error: {p}:3: unterminated quoted cell: the quote at column 12 is never closed"]
