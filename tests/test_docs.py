"""The README's config example and docs/content-repos.md stay true: the config
validates, the pre-commit snippet names the shipped hook, and every
`postlint` command in the workflow runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml
from typer.testing import CliRunner

from postlint.cli import app
from postlint.config import parse_config

ROOT = Path(__file__).resolve().parents[1]


def yaml_blocks(path: Path) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


def test_readme_config_example_is_valid(tmp_path):
    readme = ROOT / "README.md"
    section = readme.read_text(encoding="utf-8").split("## Configuration", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    (tmp_path / "packs").mkdir()
    (tmp_path / ".postlint.yaml").write_text(example, encoding="utf-8")
    config = parse_config(tmp_path / ".postlint.yaml")
    assert config.organisation["short_name"] == "Example ICB" and config.text_field == "Body"


def test_pre_commit_snippet_names_the_shipped_hook():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "postlint" and hook["entry"] == "postlint check" and hook["language"] == "python"
    for suffix in (".txt", ".md", ".csv", ".json", ".jsonl", ".yaml", ".yml"):
        assert re.search(hook["files"], f"drafts/post{suffix}")
    assert re.search(hook["exclude"], ".postlint.yaml") and not re.search(hook["exclude"], "drafts/a.md")
    config, *_ = [yaml.safe_load(b) for b in yaml_blocks(ROOT / "docs" / "content-repos.md")]
    assert config["repos"][0]["hooks"][0]["id"] == hook["id"]


def test_workflow_commands_run(tmp_path, monkeypatch):
    blocks = [yaml.safe_load(b) for b in yaml_blocks(ROOT / "docs" / "content-repos.md")]
    workflow = next(b for b in blocks if isinstance(b, dict) and "jobs" in b)
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    steps += [s for b in blocks if isinstance(b, list) for s in b if isinstance(s, dict) and "run" in s]
    commands = [s["run"] for s in steps if str(s.get("run", "")).startswith("postlint ")]
    assert len(commands) == 2
    monkeypatch.chdir(tmp_path)
    for folder in ("drafts", "scheduled"):
        Path(folder).mkdir()
    Path("drafts/a.md").write_text("Book your flu jab today.\n", encoding="utf-8")
    Path("scheduled/week.csv").write_text("date,message\n01/05/2025,CLINIC CLOSED TODAY DUE TO STAFF SHORTAGES\n",
                                          encoding="utf-8")
    for command in commands:
        result = CliRunner().invoke(app, shlex.split(command)[1:])
        assert result.exit_code == 1, (command, result.output)
    assert Path("postlint.sarif").exists()
