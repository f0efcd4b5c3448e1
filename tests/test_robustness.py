"""Issue 7, inputs: every file a run is given gets a clear answer. Empty, huge,
oddly encoded or broken files are linted or refused with one line naming the
file (exit 2, never a traceback), and the other files of the run are still
linted and reported, whatever the format."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from postlint import sources
from postlint.cli import app
from postlint.model import LineIndex
from postlint.sources import read_path

runner = CliRunner()
SHOUT = "CLINIC CLOSED TODAY DUE TO STAFF SHORTAGES"
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
_BREAK = re.compile(r"\r\n|\r|\n")


def run(*args: str):
    return runner.invoke(app, list(args))


def refusals(result) -> list[str]:
    """stderr's lines, each checked to be a one-line error (and no traceback anywhere)."""
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert all(line.startswith("postlint: error: ") for line in lines), lines
    return lines


def file_offset(text: str, line: int, column: int) -> int:
    """Offset in `text` of a 1-based line and column, lines ending at LF, CRLF or a lone CR."""
    starts = [0] + [m.end() for m in _BREAK.finditer(text)]
    return starts[line - 1] + column - 1


# --- nothing to lint ---

def test_a_folder_with_nothing_to_lint_is_refused(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.docx").write_bytes(b"PK\x03\x04")
    (empty / ".hidden.txt").write_text(SHOUT, encoding="utf-8")
    result = run("check", str(empty))
    assert result.exit_code == 2
    (line,) = refusals(result)
    assert f"{empty}: no files to lint in this folder" in line


@pytest.mark.parametrize("name,data", [
    ("empty.txt", b""),
    ("blank.txt", b"\n \r\n\t\n"),
    ("bom-only.txt", codecs.BOM_UTF8),
    ("utf16-bom-only.txt", codecs.BOM_UTF16_LE),
    ("header-only.csv", b"date,message\r\n"),
    ("empty.csv", b""),
    ("empty-list.json", b"[]"),
    ("empty.jsonl", b"\n\n"),
    ("empty.yaml", b""),
    ("front-matter-only.md", b"---\nplatform: x\n---\n"),
])
def test_an_empty_file_has_no_posts_and_exits_0(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    result = run("check", "-f", "json", str(p))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"] == {"files": 1, "posts": 0, "error": 0, "warning": 0, "info": 0}
    assert refusals(result) == []


# --- encodings ---

@pytest.mark.parametrize("encoding,bom", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                                          ("utf-16-be", codecs.BOM_UTF16_BE)])
@pytest.mark.parametrize("name,content", [
    ("d.txt", f"Café news\r\n{SHOUT}\r\n"),
    ("d.csv", f"date,message\r\n01/05/2025,Café news\r\n02/05/2025,\"{SHOUT}\"\r\n"),
    ("d.md", f"---\r\nplatform: x\r\n---\r\n{SHOUT}\r\n"),
    ("d.jsonl", f'{{"text": "Café news"}}\r\n{{"text": "{SHOUT}"}}\r\n'),
])
def test_a_bom_is_decoded_and_not_counted_in_columns(tmp_path, encoding, bom, name, content):
    p = tmp_path / name
    p.write_bytes(bom + content.encode(encoding))
    result = run("check", "-f", "json", "--select", "all-caps", str(p))
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    assert findings and all(SHOUT in f["match"] for f in findings)
    for f in findings:
        start = file_offset(content, f["line"], f["column"])
        assert content[start:file_offset(content, f["end_line"], f["end_column"])] == f["match"]


@pytest.mark.parametrize("data,expect", [
    (codecs.BOM_UTF16_LE + "line one\nli".encode("utf-16-le") + b"\x00\xdc", ":2: not valid UTF-16 (byte 24"),
    (codecs.BOM_UTF16_BE + "odd".encode("utf-16-be") + b"\x00", ":1: not valid UTF-16 (byte 8: truncated data)"),
    (b"ok line\n\xef\xbb\xbf is fine but \xc3\x28 is not", ":2:15: not valid UTF-8 (byte 0xc3)"),
])
def test_bad_encodings_say_where(tmp_path, data, expect):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    result = run("check", str(p))
    assert result.exit_code == 2
    (line,) = refusals(result)
    assert f"{p}{expect}" in line, line


def test_an_endless_or_huge_file_is_refused_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("word " * 300, encoding="utf-8")
    result = run("check", str(big))
    assert result.exit_code == 2
    (line,) = refusals(result)
    assert f"{big}: larger than" in line and "not read" in line
    result = runner.invoke(app, ["check", "-"], input="word " * 300)
    assert result.exit_code == 2 and "<stdin>: larger than" in refusals(result)[0]


@pytest.mark.parametrize("name,content,expect", [
    ("deep.json", "[" * 5000, "deep.json: not valid JSON: nested too deeply"),
    ("deep.jsonl", '{"text": "fine"}\n' + "[" * 5000, "deep.jsonl:2: not valid JSON: nested too deeply"),
    ("deep.yaml", "[" * 5000, "deep.yaml: YAML syntax error: nested too deeply"),
    ("deep.md", "---\nx: " + "[" * 5000 + "\n---\nText\n", "deep.md: front matter: YAML syntax error: nested"),
    ("bomb.yaml", "- &a [x, x]\n- &b [*a, *a]\n- text: !!python/object/apply:os.system [echo]\n",
     "bomb.yaml:3: YAML syntax error"),
])
def test_deep_nesting_and_tags_are_refused(tmp_path, name, content, expect):
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    result = run("check", str(p))
    assert result.exit_code == 2
    (line,) = refusals(result)
    assert expect in line, line


def test_an_unreadable_file_says_permission_denied(tmp_path, monkeypatch):
    p = tmp_path / "locked.txt"
    p.write_text(SHOUT, encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sources, "open", denied, raising=False)
    result = run("check", str(p))
    assert result.exit_code == 2
    assert refusals(result) == [f"postlint: error: {p}: permission denied"]


# --- line endings: every reader, positions through the command ---

READER_FILES = {
    "a.csv": f'date,message,platform\n01/05/2025,"Hi ""all""\n{SHOUT}",x\n02/05/2025,{SHOUT},x\n',
    "b.csv": f'25/12/2024 09:30,"{SHOUT}",https://example.nhs.uk\n',
    "c.md": f"---\nplatform: x\nignore: []\n---\n\n{SHOUT}\n",
    "d.json": json.dumps([{"text": f"caf\u00e9\n{SHOUT}"}, {"text": SHOUT}], indent=1),
    "e.jsonl": json.dumps({"text": SHOUT}) + "\n\n" + json.dumps({"post": SHOUT}) + "\n",
    "f.yaml": f"- text: |\n    {SHOUT}\n- text: '{SHOUT}'\n- text: >\n    Folded\n    {SHOUT}\n",
    "g.txt": f"\n\n   {SHOUT}\n",
}


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["windows", "old-mac"])
@pytest.mark.parametrize("name", sorted(READER_FILES))
def test_every_reader_takes_windows_and_old_mac_line_endings(tmp_path, name, newline):
    content = READER_FILES[name].replace("\n", newline)
    lf = tmp_path / "lf"
    lf.mkdir()
    (lf / name).write_text(READER_FILES[name], encoding="utf-8", newline="")
    p = tmp_path / name
    p.write_text(content, encoding="utf-8", newline="")
    posts = read_path(p, name)
    assert [q.text.replace("\r\n", "\n").replace("\r", "\n") for q in posts] == \
           [q.text for q in read_path(lf / name, name)]

    result = run("check", "-f", "json", "--select", "all-caps", str(p))
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    assert len(findings) == len(posts)
    for f in findings:
        start = file_offset(content, f["line"], f["column"])
        end = file_offset(content, f["end_line"], f["end_column"])
        got = content[start:end]
        # The file text of the span is the match, up to the file's quoting and line breaks.
        assert got[:2] == f["match"][:2] and got[-2:] == f["match"][-2:], (got, f["match"])
        assert f["line"] == LineIndex.of(content).position(start)[0]


# --- refusals never stop the run, in any format ---

BAD_FILES = {
    "missing.txt": None,
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "latin1.txt": "Caf\u00e9 open".encode("latin-1"),
    "broken.csv": b'message\n"never closed\n',
    "broken.json": b'[{"text": "a"',
    "broken.md": b"---\nplatform: [x\n---\nText\n",
}


@pytest.mark.parametrize("fmt", ["human", "json", "sarif", "github"])
def test_refused_files_do_not_stop_the_others(tmp_path, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    for name, data in BAD_FILES.items():
        if data is not None:
            Path(name).write_bytes(data)
    Path("good.txt").write_text(f"{SHOUT}\n", encoding="utf-8")
    result = run("check", "-f", fmt, *BAD_FILES, "good.txt")
    assert result.exit_code == 2
    lines = refusals(result)
    assert len(lines) == len(BAD_FILES)
    for name, line in zip(BAD_FILES, lines):
        assert line.startswith(f"postlint: error: {name}"), line
    out = result.stdout
    if fmt == "human":
        assert "good.txt:1:1" in out and "6 files could not be read" in out
    elif fmt == "json":
        data = json.loads(out)
        assert data["summary"]["files"] == 1 and {f["path"] for f in data["findings"]} == {"good.txt"}
        assert len(data["errors"]) == len(BAD_FILES)
    elif fmt == "sarif":
        log = json.loads(out)
        jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
        run_ = log["runs"][0]
        assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]} == \
               {"good.txt"}
        assert len(run_["invocations"][0]["toolExecutionNotifications"]) == len(BAD_FILES)
    else:
        commands = out.splitlines()
        assert any(c.startswith("::error file=good.txt,line=1") for c in commands)
        assert sum(c.startswith("::error title=postlint::") for c in commands) == len(BAD_FILES)


# --- big inputs: linted whole, positions right (correctness, not timing) ---

def test_a_2_mb_single_post_is_linted_whole(tmp_path):
    """Past spaCy's default max_length (1,000,000): one post, findings to its very end."""
    line = "Flu vaccines are free for people aged 65 and over at your GP surgery or pharmacy today. "
    lines, planted = [], []
    for i in range(23_000):
        if i % 1000 == 999:
            planted.append(i + 1)
            lines.append(line + "Please DO NOT come.")
        else:
            lines.append(line.strip())
    text = "\n".join(lines) + "\n"
    assert len(text) > 2_000_000
    p = tmp_path / "long.txt"
    p.write_text(text, encoding="utf-8")
    result = run("check", "-f", "json", "--select", "all-caps", str(p))
    assert result.exit_code == 0, result.output  # shouting is a warning
    data = json.loads(result.stdout)
    assert data["summary"]["posts"] == 1
    assert [(f["line"], f["match"]) for f in data["findings"]] == [(n, "DO NOT") for n in planted]
    for f in data["findings"]:
        start = file_offset(text, f["line"], f["column"])
        assert text[start:start + 6] == "DO NOT"


def test_a_100_000_row_csv_is_linted_row_by_row(tmp_path):
    rows = ["date,message,platform"]
    expected = []
    for row in range(1, 100_001):
        if row % 5000 == 0:
            rows.append('01/05/2025,"We are sorry for any trouble this causes.\r\nPlease DO NOT come today.",x')
            # Line 1 is the header, each earlier planted row took two lines, the match is on the cell's second.
            expected.append((row, 1 + row + len(expected) + 1))
        else:
            rows.append("01/05/2025,Clinic open today,x" if row % 3 else '01/05/2025,"Open, ""as usual""",x')
    text = "\r\n".join(rows) + "\r\n"
    p = tmp_path / "bulk.csv"
    p.write_text(text, encoding="utf-8", newline="")
    result = run("check", "-f", "json", "--select", "all-caps.shouting", str(p))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["posts"] == 100_000
    assert [(f["row"], f["line"]) for f in data["findings"]] == expected
    assert all(f["column"] == 8 and f["match"] == "DO NOT" for f in data["findings"])
