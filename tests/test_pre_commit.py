"""The pre-commit hook, run the way a content repository runs it: `pre-commit
try-repo` against this checkout (its committed HEAD, plus any uncommitted
changes to tracked files), which installs the hook into a fresh virtualenv
from the package index. Slow (one install per run), but part of CI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHOUT = "CLINIC CLOSED TODAY DUE TO STAFF SHORTAGES\n"
CLEAN = [f"Book your flu jab at your GP surgery. Clinics run every weekday, post {i}.\n" for i in range(9)]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (ROOT / ".git").exists() or shutil.which("git") is None,
                       reason="pre-commit try-repo needs a git checkout of postlint and git"),
]


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    """A content repository: nine clean drafts, one shouting draft, and an
    archived shouting draft its config excludes."""
    repo = tmp_path_factory.mktemp("content")
    drafts = repo / "drafts"
    drafts.mkdir()
    for i, text in enumerate(CLEAN):
        (drafts / f"clean-{i}.md").write_text(f"---\nplatform: facebook\n---\n{text}", encoding="utf-8")
    (drafts / "shout.txt").write_text(SHOUT, encoding="utf-8")
    (repo / "archive").mkdir()
    (repo / "archive" / "old.txt").write_text(SHOUT, encoding="utf-8")
    (repo / ".postlint.yaml").write_text("exclude: [archive/]\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    return repo


def try_repo(content: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    # pre-commit runs a hook on as many batches at once as there are CPUs; TRAVIS makes that exactly two,
    # so the run below always splits the ten files into parallel batches, on any machine.
    env.update(TRAVIS="1", PRE_COMMIT_HOME=str(content.parent / "pre-commit-home"), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "postlint", *args],
                          cwd=content, env=env, capture_output=True, text=True, timeout=900)


def test_hook_fails_the_commit_on_a_draft_with_errors_across_parallel_batches(content):
    proc = try_repo(content, "--all-files")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "drafts/shout.txt:1:1" in out and "all-caps.whole-post" in out
    assert "archive/old.txt" not in out
    summaries = re.findall(r"(?:No problems found|problems?) in (\d+) files? \(", out)
    assert len(summaries) >= 2, out  # one report per batch
    assert sum(int(n) for n in summaries) == 10  # every draft linted once; the excluded one and hidden files never


def test_hook_passes_clean_drafts(content):
    files = [f"drafts/clean-{i}.md" for i in range(len(CLEAN))]
    proc = try_repo(content, "--files", *files)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"postlint\.+Passed", proc.stdout)
