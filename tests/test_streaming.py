"""`check` streams: files are read one at a time as the linter draws posts, and
large runs go to worker processes in bounded chunks. Output stays what it was:
several processes give the bytes one does, an unreadable file in the middle is
reported and the rest linted, and nothing reads ahead of what it needs."""

from __future__ import annotations

import io
import json
from itertools import islice
from pathlib import Path

import pytest
from typer.testing import CliRunner

from postlint import inputs, parallel
from postlint.cli import app
from postlint.config import load_config
from postlint.linter import Linter
from postlint.model import Post
from postlint.packs import all_rules, load_packs, select_rules

SHOUT = "CLINIC CLOSED TODAY DUE TO STAFF SHORTAGES"
TEXTS = ["PLEASE DO NOT COME TO A&E", "Get your flu jab", "DM me for your results", "We will utilise the pathway",
         "Call Sam on 07700 900461", "#flujabsaveslives 💙💙", "A calm, clear post about the new clinic"]


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100"})


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(select_rules(all_rules(load_packs())))


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> list[str]:
    """Several files of several types, 521 posts: a run that is split across workers."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    names = []
    for k in range(3):
        name = f"week-{k}.csv"
        rows = ["date,message"] + [f'0{k + 1}/05/2025,"{TEXTS[(i + k) % len(TEXTS)]} (row {i})"' for i in range(150)]
        Path(name).write_text("\n".join(rows) + "\n", encoding="utf-8")
        names.append(name)
    Path("more.jsonl").write_text("".join(json.dumps({"text": t}) + "\n" for t in TEXTS * 10), encoding="utf-8")
    Path("shout.txt").write_text(f"{SHOUT}\n", encoding="utf-8")
    return names[:2] + ["shout.txt", "more.jsonl", names[2]]


def spy_jobs(monkeypatch) -> list[int]:
    """The process counts `check` lints with."""
    seen: list[int] = []
    real = parallel.lint_posts

    def spy(linter, posts, jobs=1, size=parallel.MAX_CHUNK):
        seen.append(jobs)
        return real(linter, posts, jobs, size)

    monkeypatch.setattr(parallel, "lint_posts", spy)
    return seen


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "human"])
def test_several_files_in_several_processes_give_the_bytes_of_one(corpus, monkeypatch, fmt):
    monkeypatch.setattr(parallel, "MAX_CHUNK", 40)  # many chunks, and files that end inside a chunk
    seen = spy_jobs(monkeypatch)
    one = run("check", "-f", fmt, "--jobs", "1", *corpus)
    two = run("check", "-f", fmt, "--jobs", "2", *corpus)
    assert seen == [1, 2]
    assert one.exit_code == two.exit_code == 1
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr == ""
    if fmt == "json":
        report = json.loads(one.stdout)
        assert report["summary"]["files"] == 5 and report["summary"]["posts"] == 3 * 150 + 70 + 1
        assert [f["path"] for f in report["findings"]] == sorted(
            (f["path"] for f in report["findings"]), key=corpus.index)


def test_a_large_run_uses_workers_and_a_small_one_does_not(corpus, monkeypatch):
    """Processes are chosen by the run's estimated size, before any file is read."""
    monkeypatch.setattr(inputs, "BYTES_PER_POST", 32)  # the CSV files count as 400 posts or more
    seen = spy_jobs(monkeypatch)
    by_default = run("check", "-f", "json", *corpus)
    small = run("check", "-f", "json", "shout.txt", "more.jsonl")
    assert seen[0] > 1 or parallel.workers(10_000) == 1  # one core, or not Linux
    assert seen[1] == 1
    assert by_default.stdout == run("check", "-f", "json", "--jobs", "1", *corpus).stdout
    assert json.loads(small.stdout)["summary"]["posts"] == 71


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_unreadable_file_in_the_middle_is_reported_and_the_rest_linted(corpus, monkeypatch, jobs):
    monkeypatch.setattr(parallel, "MAX_CHUNK", 40)
    Path("broken.csv").write_bytes(b'message\n"never closed\n')
    Path("latin1.csv").write_bytes("message\nCaf\u00e9 CLOSED TODAY DUE TO STAFF SHORTAGES\n".encode("latin-1"))
    args = corpus[:2] + ["broken.csv", "missing.csv", corpus[2], "latin1.csv"] + corpus[3:]
    result = run("check", "-f", "json", "--jobs", jobs, *args)
    assert result.exit_code == 2
    errors = result.stderr.splitlines()
    assert [e.split(":")[2].strip() for e in errors] == ["broken.csv", "missing.csv", "latin1.csv"]
    report = json.loads(result.stdout)
    assert report["errors"] == [e.removeprefix("postlint: error: ") for e in errors]
    assert report["summary"]["files"] == 5 and report["summary"]["posts"] == 521
    assert {f["path"] for f in report["findings"]} == set(corpus)
    # Everything after the bad files is linted exactly as without them.
    clean = json.loads(run("check", "-f", "json", "--jobs", jobs, *corpus).stdout)
    assert report["findings"] == clean["findings"]

    human = run("check", "--jobs", jobs, *args)
    assert human.exit_code == 2 and "3 files could not be read" in human.stdout


# --- nothing is read ahead of need ---

def counted(n: int, seen: list[int]):
    for i in range(n):
        seen[0] += 1
        yield Post(text=TEXTS[i % len(TEXTS)], path="p.txt", number=i + 1)


@pytest.mark.parametrize("jobs", [1, 2])
def test_posts_are_drawn_lazily(linter, jobs):
    seen = [0]
    results = parallel.lint_posts(linter, counted(5000, seen), jobs, size=32)
    first_post, _ = next(results)
    assert first_post.number == 1
    assert seen[0] < 1000  # a batch (one process) or a few chunks per worker ahead, not the whole input
    numbers = [1] + [p.number for p, _ in results]
    assert numbers == list(range(1, 5001)) and seen[0] == 5000


def test_files_are_read_one_at_a_time(corpus, monkeypatch, linter):
    read: list[str] = []
    real = inputs.read_path

    def spy(path, name, options=None):
        read.append(name)
        return real(path, name, options)

    monkeypatch.setattr(inputs, "read_path", spy)
    found = inputs.plan(corpus, load_config(search=False))
    assert read == [] and found.files == 0
    stream = found.stream()
    first = next(stream)
    assert first.path == corpus[0] and read == [corpus[0]]
    rest = list(islice(stream, 149))
    assert {p.path for p in rest} == {corpus[0]} and read == [corpus[0]]
    next(stream)
    assert read == corpus[:2] and found.files == 2 and found.read == 300

    # Through the linter and workers: the first findings come out before the last file is read.
    read.clear()
    found = inputs.plan(corpus, load_config(search=False))
    results = parallel.lint_posts(linter, found.stream(), 2, size=16)
    next(results)
    assert read and read[-1] != corpus[-1]
    list(results)
    assert read == corpus


def test_the_estimate_that_chooses_processes(tmp_path):
    small = tmp_path / "a.txt"
    small.write_text("x" * 5000, encoding="utf-8")
    table = tmp_path / "b.csv"
    table.write_text("message\n" + "A post of a typical length.\n" * 2000, encoding="utf-8")
    found = inputs.plan([str(small), str(table), str(tmp_path / "gone.csv")], load_config(search=False))
    guess = 1 + table.stat().st_size // inputs.BYTES_PER_POST + 1
    assert found.estimate() == guess
    list(found.stream())
    assert found.estimate() == found.read == 2001  # exact once read


# --- the progress bar follows the total as files are read ---

class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_starts_when_the_run_turns_out_long(monkeypatch):
    from postlint.report.progress import MIN_POSTS, progress

    monkeypatch.delenv("PRE_COMMIT", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    terminal = FakeTerminal()
    with progress(3, terminal) as advance:
        advance()
        assert terminal.getvalue() == ""
        advance.expect(MIN_POSTS * 2)
        for _ in range(MIN_POSTS):
            advance()
    assert "Linting" in terminal.getvalue()
    pipe = io.StringIO()
    with progress(MIN_POSTS * 2, pipe) as advance:
        advance.expect(MIN_POSTS * 3)
        advance()
    assert pipe.getvalue() == ""


def test_ctrl_c_in_a_streamed_run_with_workers_exits_130(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from test_cli import INTERRUPT

    files = []
    for k in range(3):
        p = tmp_path / f"bulk-{k}.csv"
        p.write_text("message\n" + "".join(f"Please utilise the pharmacy, DO NOT come to A&E ({i})\n"
                                           for i in range(20_000)), encoding="utf-8")
        files.append(str(p))
    proc = subprocess.Popen([sys.executable, "-c", INTERRUPT, "check", "-f", "json", "--jobs", "2", *files],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr.readline().strip() == "started"
    time.sleep(2.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.strip().splitlines()[-1] == "postlint: interrupted"


# --- fix goes file by file too: each is written (or its diff printed) before the next is read ---

def test_fix_over_several_files_with_an_unreadable_one_between(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    Path("a.txt").write_text("We will utilise the new pathway. PLEASE DO NOT COME TO A&E.\n", encoding="utf-8")
    Path("b.csv").write_text('date,message\n01/05/2025,We will utilise the clinic in order to help\n'
                             '02/05/2025,"DM me, we will facilitate it"\n', encoding="utf-8")
    Path("broken.csv").write_bytes(b'message\n"never closed\n')
    Path("c.md").write_text("---\nplatform: x\n---\nPlease utilise your GP surgery.\n", encoding="utf-8")
    args = ["a.txt", "b.csv", "broken.csv", "c.md"]

    diff = run("fix", "--diff", *args)
    assert diff.exit_code == 2 and diff.stderr.startswith("postlint: error: broken.csv:2:")
    assert [line for line in diff.stdout.splitlines() if line.startswith("--- ")] == ["--- a.txt", "--- b.csv",
                                                                                      "--- c.md"]
    assert Path("a.txt").read_text(encoding="utf-8").count("utilise") == 1  # --diff writes nothing

    fixed = run("fix", *args)
    assert fixed.exit_code == 2
    out = fixed.stdout.splitlines()
    assert out[0] == "Fixed 4 problems in 3 files:"
    assert [line.split()[0] for line in out[1:5]] == ["a.txt:1:9", "b.csv:2:20", "b.csv:2:39", "c.md:4:8"]
    assert "Still needs a person:" in out and "a.txt" in out and "b.csv" in out
    assert "✗ 4 problems in 3 files (4 posts): 1 error, 3 warnings, 0 info" in out
    assert out[-1] == "1 file could not be read (see messages above)."
    assert "utilise" not in Path("b.csv").read_text(encoding="utf-8")
