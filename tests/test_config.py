"""Configuration through the real entry point: discovery, precedence over and
under flags, every key, precise errors, and `postlint init`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from postlint.cli import app
from postlint.config import Config, load_config, parse_config
from postlint.errors import ConfigError
from postlint.profile import PROFILE_KEYS, default_profile

SHOUT = "CLINIC CLOSED TODAY DUE TO STAFF SHORTAGES\n"
CLEAN = "Flu vaccines are free for people aged 65 and over. Book at your GP surgery.\n"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def findings(*args: str) -> list[dict]:
    result = run("check", "-f", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A content repository (a .git folder bounds the config search) with one shouting draft."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "shout.txt").write_text(SHOUT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- discovery ---

def test_nearest_yaml_config_walking_up(repo, monkeypatch):
    write(repo / ".postlint.yaml", "ignore: [all-caps]\n")
    monkeypatch.chdir(repo / "drafts")
    assert run("check", "shout.txt").exit_code == 0
    assert run("check", "--no-config", "shout.txt").exit_code == 1


def test_pyproject_tool_table(repo):
    write(repo / "pyproject.toml", '[project]\nname = "content"\n\n[tool.postlint]\nignore = ["all-caps"]\n')
    assert run("check", "drafts/shout.txt").exit_code == 0


def test_pyproject_without_the_table_is_passed_over(repo, monkeypatch):
    write(repo / ".postlint.yaml", "ignore: [all-caps]\n")
    write(repo / "drafts" / "pyproject.toml", '[project]\nname = "x"\n')
    monkeypatch.chdir(repo / "drafts")
    assert run("check", "shout.txt").exit_code == 0


def test_a_commented_out_tool_table_is_not_a_config(repo, monkeypatch):
    write(repo / ".postlint.yaml", "ignore: [all-caps]\n")
    write(repo / "drafts" / "pyproject.toml", '[project]\nname = "x"\n# [tool.postlint] is in the root config\n')
    monkeypatch.chdir(repo / "drafts")
    assert run("check", "shout.txt").exit_code == 0


def test_yaml_config_wins_over_pyproject_in_the_same_folder(repo):
    write(repo / "pyproject.toml", '[tool.postlint]\nfail_on = "never"\n')
    write(repo / ".postlint.yaml", "fail_on: error\n")
    assert run("check", "drafts/shout.txt").exit_code == 1


def test_search_stops_at_the_repository_root(tmp_path, monkeypatch):
    write(tmp_path / ".postlint.yaml", "ignore: [all-caps]\n")
    inner = tmp_path / "content"
    (inner / ".git").mkdir(parents=True)
    write(inner / "shout.txt", SHOUT)
    monkeypatch.chdir(inner)
    assert run("check", "shout.txt").exit_code == 1


def test_explicit_config_file(repo, tmp_path):
    other = write(repo / "configs" / "strict.yaml", "fail_on: never\n")
    write(repo / ".postlint.yaml", "fail_on: error\n")
    assert run("check", "--config", str(other), "drafts/shout.txt").exit_code == 0
    result = run("check", "--config", "missing.yaml", "drafts/shout.txt")
    assert result.exit_code == 2 and "missing.yaml: no such config file" in result.stderr


# --- precedence: flags over the file ---

def test_fail_on_flag_beats_config(repo):
    write(repo / ".postlint.yaml", "fail_on: never\n")
    assert run("check", "drafts/shout.txt").exit_code == 0
    assert run("check", "--fail-on", "error", "drafts/shout.txt").exit_code == 1


def test_select_flag_replaces_and_ignore_flag_adds(repo):
    write(repo / ".postlint.yaml", "select: [all-caps.shouting]\nignore: []\n")
    assert run("check", "drafts/shout.txt").exit_code == 0  # only shouting runs: whole-post is off
    assert run("check", "--select", "all-caps", "drafts/shout.txt").exit_code == 1
    write(repo / ".postlint.yaml", "ignore: [all-caps.shouting]\n")
    assert run("check", "--ignore", "all-caps.whole-post", "drafts/shout.txt").exit_code == 0


def test_platform_file_then_flag_then_config(repo):
    write(repo / ".postlint.yaml", "platform: LinkedIn\n")
    write(repo / "p.md", "---\nplatform: x\n---\nHello\n")
    write(repo / "q.txt", "Hello\n")
    config = load_config().with_flags(platform=None)
    assert config.platform == "linkedin"
    from postlint.inputs import collect

    posts = collect(["p.md", "q.txt"], config)
    assert [p.platform for p in posts] == ["x", "linkedin"]
    posts = collect(["p.md", "q.txt"], config.with_flags(platform="facebook"))
    assert [p.platform for p in posts] == ["x", "facebook"]


# --- each key ---

def test_severity_override(repo):
    write(repo / ".postlint.yaml", "severity:\n  all-caps.whole-post: warning\n")
    result = run("check", "-f", "json", "drafts/shout.txt")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"][0]["severity"] == "warning"
    assert run("check", "--fail-on", "warning", "drafts/shout.txt").exit_code == 1


def test_packs_relative_to_the_config_file(repo, monkeypatch):
    write(repo / "packs" / "local.yaml", (Path(__file__).parent / "data" / "packs" / "local.yaml").read_text())
    write(repo / ".postlint.yaml", "packs: [packs/]\n")
    monkeypatch.chdir(repo / "drafts")
    assert "local.no-staffing" in {f["rule"] for f in findings("shout.txt")}
    assert "local.no-staffing" in run("rules").stdout
    assert run("explain", "local.no-staffing").exit_code == 0


def test_include_exclude_and_per_file_ignores(repo):
    write(repo / "drafts" / "archive" / "old.txt", SHOUT)
    write(repo / "drafts" / "notes.md", SHOUT)
    write(repo / "drafts" / "campaign" / "loud.txt", SHOUT)
    write(repo / ".postlint.yaml", "include: ['*.txt']\nexclude: [archive/]\n"
                                   "per_file_ignores:\n  'drafts/campaign/*': [all-caps.whole-post]\n")
    paths = {f["path"] for f in findings("drafts")}
    assert paths == {str(Path("drafts", "shout.txt"))}
    # exclude also applies to a file named on the command line (pre-commit passes files one by one)
    result = run("check", "-f", "json", "drafts/archive/old.txt", "drafts/notes.md")
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {"drafts/notes.md"}


@pytest.mark.parametrize("key", ["include", "exclude", "per_file_ignores"])
def test_a_glob_that_backtracks_is_stopped_with_a_config_error(repo, monkeypatch, key):
    from postlint import globs

    monkeypatch.setattr(globs, "TIMEOUT", 1e-7)
    write(repo / "drafts" / ("a" * 200 + ".txt"), "Hello")
    glob = "*a*a*a*a*a*a*a*a*a*b"
    value = f"{{'{glob}': [all-caps]}}" if key == "per_file_ignores" else f"['{glob}']"
    write(repo / ".postlint.yaml", f"{key}: {value}\n")
    result = run("check", "drafts")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"the config's glob '{glob}' takes too long to match" in result.stderr.splitlines()[0]


def test_excluding_everything_in_a_folder_says_so(repo):
    write(repo / ".postlint.yaml", "exclude: ['drafts/']\n")
    result = run("check", "drafts")
    assert result.exit_code == 2 and "not excluded by the config" in result.stderr


def test_text_field_for_csv_and_records(repo):
    write(repo / ".postlint.yaml", "text_field: Body\n")
    write(repo / "s.csv", f"when,body\nmonday,{SHOUT}")
    write(repo / "s.json", json.dumps([{"Body": SHOUT.strip()}]))
    assert {(f["path"], f.get("row")) for f in findings("s.csv", "s.json")} == {("s.csv", 1), ("s.json", None)}


def test_organisation_and_acronyms_make_the_profile(repo):
    write(repo / ".postlint.yaml", """
organisation:
  name: Example Integrated Care Board
  handles: {x: "@ExampleICB"}
  acronyms: [ICB]
acronyms: [PALS, ICB]
""")
    profile = load_config().profile()
    assert profile["name"] == "Example Integrated Care Board"
    assert profile["handles"] == {"x": "@ExampleICB"}
    assert profile["acronyms"] == ["ICB", "PALS"]
    assert profile["short_name"] == default_profile()["short_name"]


def test_organisation_keys_follow_the_profile():
    from postlint.config import ORGANISATION

    assert tuple(ORGANISATION) == PROFILE_KEYS


def test_hyphenated_keys_in_toml(repo):
    write(repo / "pyproject.toml", '[tool.postlint]\nfail-on = "never"\n\n[tool.postlint.per-file-ignores]\n'
                                   '"drafts/*" = ["all-caps"]\n')
    config = load_config()
    assert config.fail_on == "never" and config.per_file_ignores == {"drafts/*": ("all-caps",)}


# --- errors: file, line, key, what was expected; exit 2; one line ---

@pytest.mark.parametrize("name,text,expect", [
    (".postlint.yaml", "fail_on: error\nfial_on: never\n",
     ".postlint.yaml:2: 'fial_on': unknown key (did you mean 'fail_on'?)"),
    (".postlint.yaml", "colour: red\n", ".postlint.yaml:1: 'colour': unknown key (expected one of select"),
    (".postlint.yaml", "platform: tiktok\n", ".postlint.yaml:1: 'platform': unknown platform 'tiktok'"),
    (".postlint.yaml", "fail_on: sometimes\n", ".postlint.yaml:1: 'fail_on': expected one of error, warning, info, never"),
    (".postlint.yaml", "select:\n  - all-caps\n  - 3\n", ".postlint.yaml:3: 'select.1': expected non-empty text"),
    (".postlint.yaml", "severity:\n  all-caps: loud\n", ".postlint.yaml:2: 'severity.all-caps': expected one of error"),
    (".postlint.yaml", "organisation:\n  name: X\n  handles: [a]\n",
     ".postlint.yaml:3: 'organisation.handles': expected a mapping of texts"),
    (".postlint.yaml", "organisation:\n  nmae: X\n", ".postlint.yaml:2: 'organisation.nmae': unknown key"),
    (".postlint.yaml", "ignore: [nope-pack]\n", ".postlint.yaml:1: 'ignore.0': no pack or rule matches 'nope-pack'"),
    (".postlint.yaml", "ignore: [nhs-jargon.buzwords]\n",
     "'ignore.0': no pack or rule matches 'nhs-jargon.buzwords' (did you mean 'nhs-jargon.buzzwords'?)"),
    (".postlint.yaml", "select: [confidentiallity]\n", "(did you mean 'confidentiality'?)"),
    (".postlint.yaml", "per_file_ignores:\n  '*.md': [all-caps, nope]\n",
     ".postlint.yaml:2: 'per_file_ignores.*.md': no pack or rule matches 'nope'"),
    (".postlint.yaml", "packs: [missing/]\n", ".postlint.yaml:1: 'packs.0': no such pack file or folder"),
    (".postlint.yaml", "select: [a\n", ".postlint.yaml:2: YAML syntax error"),
    (".postlint.yaml", "- just a list\n", ".postlint.yaml:1: expected a mapping with keys select"),
    (".postlint.yaml", "fail_on: error\nfail-on: never\n", ".postlint.yaml:2: 'fail-on': given twice"),
    ("pyproject.toml", '[tool.postlint]\nselect = ["all-caps"]\nfail_on = 3\n',
     "pyproject.toml:3: 'fail_on': expected one of"),
    ("pyproject.toml", '[tool.postlint.organisation]\nnames = "x"\nhandles = 1\n',
     "pyproject.toml:3: 'organisation.handles': expected a mapping"),
    ("pyproject.toml", "[tool.postlint]\nselect = [\n", "pyproject.toml:3: TOML syntax error: Invalid value"),
    ("pyproject.toml", '[tool.postlint]\nselect = "all-caps\nfail_on = "never"\n',
     "pyproject.toml:2: TOML syntax error: Illegal character"),
    ("pyproject.toml", "[tool.postlint]\nselect = " + "[" * 5000 + "\n", "pyproject.toml: TOML syntax error: nested too deeply"),
    (".postlint.yaml", "select: " + "[" * 5000 + "\n", ".postlint.yaml: YAML syntax error: nested too deeply"),
])
def test_config_errors(repo, name, text, expect):
    write(repo / name, text)
    result = run("check", "drafts/shout.txt")
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and expect in lines[0], lines
    assert "Traceback" not in result.output


def test_explicit_toml_without_the_table(repo):
    other = write(repo / "pyproject.toml", '[project]\nname = "x"\n')
    result = run("check", "--config", str(other), "drafts/shout.txt")
    assert result.exit_code == 2 and "no [tool.postlint] table" in result.stderr


def test_rules_and_explain_report_config_errors(repo):
    write(repo / ".postlint.yaml", "colour: red\n")
    for args in (["rules"], ["explain", "all-caps.whole-post"]):
        result = run(*args)
        assert result.exit_code == 2 and "'colour': unknown key" in result.stderr


# --- postlint init ---

def test_init_writes_a_starter_the_tool_runs_with_unchanged(repo):
    result = run("init")
    assert result.exit_code == 0, result.output
    text = (repo / ".postlint.yaml").read_text(encoding="utf-8")
    assert text.startswith("#") and "organisation:" in text
    config = parse_config(repo / ".postlint.yaml")
    defaults = Config()
    for key in ("select", "ignore", "packs", "severity", "fail_on", "platform", "include", "exclude",
                "per_file_ignores", "text_field", "organisation", "acronyms"):
        assert getattr(config, key) == getattr(defaults, key), key
    assert run("check", "drafts/shout.txt").exit_code == 1
    write(repo / "drafts" / "clean.txt", CLEAN)
    assert run("check", "drafts/clean.txt").exit_code == 0


def test_init_every_commented_example_is_valid_when_uncommented(repo):
    run("init")
    text = (repo / ".postlint.yaml").read_text(encoding="utf-8")
    uncommented = "\n".join(line[2:] if line == "# organisation:" else line[1:] if line.startswith("#  ")
                            else line for line in text.splitlines())
    write(repo / "packs" / "p.yaml", (Path(__file__).parents[1] / "rules" / "all-caps.yaml").read_text()
          .replace("id: all-caps\n", "id: local-caps\n", 1))
    write(repo / "custom.yaml", uncommented)
    config = parse_config(repo / "custom.yaml")
    assert config.organisation["short_name"] == "Example ICB"
    assert config.select and config.severity and config.per_file_ignores and config.acronyms == ("PALS",)


def test_init_refuses_to_overwrite(repo):
    write(repo / ".postlint.yaml", "fail_on: never\n")
    result = run("init")
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert (repo / ".postlint.yaml").read_text(encoding="utf-8") == "fail_on: never\n"


def test_variant_patterns_must_be_regular_expressions(repo):
    write(repo / ".postlint.yaml", "organisation:\n  variant_patterns:\n    '(unclosed': X\n")
    with pytest.raises(ConfigError, match="not a valid regular expression"):
        parse_config(repo / ".postlint.yaml")


def test_fails_compares_findings_with_fail_on():
    from types import SimpleNamespace

    from postlint.model import Severity

    warning, error = SimpleNamespace(severity=Severity.WARNING), SimpleNamespace(severity=Severity.ERROR)
    assert Config().fails([warning, error]) and not Config().fails([warning])
    assert Config(fail_on="warning").fails([warning]) and not Config(fail_on="warning").fails([])
    assert not Config(fail_on="never").fails([error])
