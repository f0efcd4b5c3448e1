"""The CLI through its real entry point (typer's CliRunner on the app, and a subprocess for the console script)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from postlint import __version__
from postlint.cli import app

runner = CliRunner()
SHOUT = "CLINIC CLOSED TODAY DUE TO STAFF SHORTAGES\n"
CLEAN = "Flu vaccines are free for people aged 65 and over. Book at your GP surgery.\n"


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    p = tmp_path / "draft.txt"
    p.write_text(SHOUT, encoding="utf-8")
    return p


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"postlint {__version__}"


def test_error_finding_exits_1_and_reports_position(draft):
    result = run("check", str(draft))
    assert result.exit_code == 1
    assert f"{draft}:1:1" in result.stdout
    assert "all-caps.whole-post" in result.stdout
    assert "Dos and Don'ts" in result.stdout
    assert "1 error" in result.stdout


def test_clean_post_exits_0(tmp_path):
    p = tmp_path / "ok.txt"
    p.write_text(CLEAN, encoding="utf-8")
    result = run("check", str(p))
    assert result.exit_code == 0, result.stdout
    assert "No problems found" in result.stdout


def test_json_shape(draft):
    result = run("check", "--format", "json", str(draft))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["postlint"] == __version__
    assert data["summary"] == {"files": 1, "posts": 1, "error": 1, "warning": 0, "info": 0}
    (f,) = data["findings"]
    assert f["path"] == str(draft)
    assert (f["post"], f["line"], f["column"], f["end_line"], f["end_column"]) == (1, 1, 1, 1, 43)
    assert f["rule"] == "all-caps.whole-post" and f["pack"] == "all-caps" and f["severity"] == "error"
    assert f["match"] == SHOUT.strip()
    assert f["source"].startswith("Social Media Protocol")
    for key in ("message", "explanation", "suggestions"):
        assert key in f


def test_stdin_is_named_stdin():
    result = run("check", "-f", "json", "-", input=SHOUT)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["findings"][0]["path"] == "<stdin>"


@pytest.mark.parametrize("fail_on,code", [("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on_thresholds(tmp_path, fail_on, code):
    p = tmp_path / "w.txt"
    p.write_text("Please DO NOT come to A&E unless it is a REAL EMERGENCY.", encoding="utf-8")
    assert run("check", "--fail-on", fail_on, str(p)).exit_code == code


def test_fail_on_never_with_errors(draft):
    assert run("check", "--fail-on", "never", str(draft)).exit_code == 0


def test_select_and_ignore(draft):
    assert run("check", "--ignore", "all-caps", str(draft)).exit_code == 0
    assert run("check", "--ignore", "all-caps.whole", str(draft)).exit_code == 0
    assert run("check", "--select", "all-caps.shouting", str(draft)).exit_code == 0
    assert run("check", "--select", "all-caps", str(draft)).exit_code == 1


def test_unknown_selector_is_a_usage_error(draft):
    result = run("check", "--select", "no-such-pack", str(draft))
    assert result.exit_code == 2
    assert "no-such-pack" in result.stderr


def test_bad_option_value_exits_2(draft):
    assert run("check", "--format", "xml", str(draft)).exit_code == 2
    assert run("check", "--fail-on", "sometimes", str(draft)).exit_code == 2


@pytest.mark.parametrize("content,expect", [
    (None, "no such file"),
    (b"\x00\x01\x02binary", "binary"),
    (b"caf\xe9 closed", "not valid UTF-8"),
])
def test_unreadable_inputs_exit_2_with_one_line(tmp_path, content, expect):
    p = tmp_path / "bad.txt"
    if content is not None:
        p.write_bytes(content)
    result = run("check", str(p))
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and expect in lines[0] and str(p) in lines[0]
    assert "Traceback" not in result.output


def test_bad_file_does_not_stop_the_others(tmp_path, draft):
    result = run("check", "-f", "json", str(tmp_path / "missing.txt"), str(draft))
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["summary"]["files"] == 1 and data["findings"]


def test_non_utf8_error_says_where(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes(b"line one\nnew caf\xe9\n")
    result = run("check", str(p))
    assert f"{p}:2:8" in result.stderr


def test_utf8_bom_is_handled(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + SHOUT.encode())
    data = json.loads(run("check", "-f", "json", str(p)).stdout)
    assert data["findings"][0]["column"] == 1


def test_markup_and_escapes_are_not_interpreted(tmp_path):
    p = tmp_path / "markup.txt"
    p.write_text("Please DO NOT [bold red]come[/bold red] \x1b[31mhere\x1b[0m [link=http://x]y[/link]",
                 encoding="utf-8")
    result = runner.invoke(app, ["check", "--color", str(p)], env={"COLUMNS": "200"})  # the whole line shown
    assert "[bold red]come[/bold red]" in result.stdout
    assert "[link=http://x]" in result.stdout
    assert "\x1b[31mhere" not in result.stdout
    assert "\\x1b[31mhere" in result.stdout


def test_no_color_when_not_a_terminal(draft):
    result = run("check", str(draft))
    assert "\x1b[" not in result.stdout


def test_rules_lists_packs_and_rules():
    result = run("rules")
    assert result.exit_code == 0
    assert "all-caps.whole-post" in result.stdout and "error" in result.stdout
    data = json.loads(run("rules", "--format", "json").stdout)
    ids = [r["id"] for p in data for r in p["rules"]]
    assert "all-caps.shouting" in ids


CHECKED_PACK = """id: local
title: Local
description: d
source: s
rules:
  - id: old-name
    kind: pattern
    severity: warning
    message: "'{match}' is our old name"
    explanation: e
    source: s
    pattern: '\\bExample Health Trust\\b'
    examples:
      flag: [Example Health Trust is hiring]
      pass: [Example ICB is hiring]
  - id: off-topic
    kind: topic
    severity: warning
    message: off topic
    explanation: e
    source: s
    words: [nurse(s)]
    min_words: 3
    examples:
      flag: [Our fantasy football league starts on Saturday]
      pass: [Come to the Riverside Pavilion open day on Saturday]
"""


def test_rules_check_runs_your_packs_examples_with_your_profile(tmp_path, monkeypatch):
    """A pack author checks a pack without Python: the profile's topic words make the
    second rule's pass example pass; a wrong example is named with its file and line."""
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "local.yaml").write_text(CHECKED_PACK, encoding="utf-8")
    (tmp_path / ".postlint.yaml").write_text("packs: [packs/]\norganisation:\n  topic_words: [Riverside Pavilion]\n",
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("rules", "--check")
    assert result.exit_code == 0, result.output
    assert "all 4 examples of 2 rules in 1 pack behave" in result.stdout
    (tmp_path / "packs" / "local.yaml").write_text(
        CHECKED_PACK.replace("pass: [Example ICB is hiring]", "pass: [Example Health Trust is hiring again]"),
        encoding="utf-8")
    result = run("rules", "--check")
    assert result.exit_code == 1
    assert "packs/local.yaml:6: local.old-name should not flag 'Example Health Trust is hiring again'" in result.stdout
    assert "1 of 4 examples" in result.stdout
    data = json.loads(run("rules", "--check", "--format", "json").stdout)
    assert data["examples"] == 4 and [(f["rule"], f["expected"]) for f in data["failures"]] == [
        ("local.old-name", "pass")]
    result = run("rules", "--check", "--no-config", "--packs", "packs")  # the built-in profile: no Riverside Pavilion
    assert result.exit_code == 1 and "local.off-topic should not flag 'Come to the Riverside Pavilion" in result.stdout


def test_rules_check_without_packs_of_your_own_checks_the_built_in_ones():
    result = run("rules", "--check", "--no-config")
    assert result.exit_code == 0 and "behave as their pack says" in result.stdout
    assert " in 8 packs" in result.stdout


def test_explain_shows_everything():
    result = run("explain", "all-caps.whole-post")
    assert result.exit_code == 0
    out = result.stdout
    for part in ("Message", "Why", "Source", "Dos and Don'ts: Etiquette", "CLINIC CLOSED TODAY", "Not flagged"):
        assert part in out


def test_explain_wraps_with_a_hanging_indent_and_no_padding():
    result = runner.invoke(app, ["explain", "conduct.reporting-sick"], env={"COLUMNS": "60"})
    lines = result.stdout.splitlines()
    assert all(len(line) <= 60 and line == line.rstrip() for line in lines)
    why = lines[lines.index("Why") + 1: lines.index("Source") - 1]
    assert len(why) > 2 and all(line.startswith("  ") and line[2] != " " for line in why)
    flagged = lines[lines.index("Flagged") + 1:]
    follow_on = [line for line in flagged if line.startswith("    ") and line.strip()]
    assert follow_on and all(line[4] != " " for line in follow_on)  # under the example, not the mark


def test_explain_unknown_rule_exits_2():
    result = run("explain", "nope.nothing")
    assert result.exit_code == 2 and "nope.nothing" in result.stderr


def test_a_misspelt_rule_id_gets_the_id_it_is_likely_a_typo_of(draft):
    result = run("explain", "nhs-jargon.buzwords")
    assert result.exit_code == 2 and "did you mean 'nhs-jargon.buzzwords'?" in result.stderr
    result = run("check", "--ignore", "all-caps.shoutin", "--ignore", "brnad", str(draft))
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("no pack or rule matches 'brnad' (did you mean 'brand'?)")


def test_user_pack_is_added(tmp_path, draft):
    pack = Path(__file__).parent / "data" / "packs" / "local.yaml"
    data = json.loads(run("check", "-f", "json", "--packs", str(pack), str(draft)).stdout)
    assert "local.no-staffing" in {f["rule"] for f in data["findings"]}
    assert "local.no-staffing" in run("rules", "--packs", str(pack.parent)).stdout


def test_malformed_pack_names_file_line_rule_and_field(tmp_path, draft):
    pack = tmp_path / "bad.yaml"
    pack.write_text("""id: bad
title: Bad
description: A broken pack.
source: Nowhere
rules:
  - id: broken
    kind: phrase
    severity: loud
    message: "x"
    explanation: This explanation is long enough to count as an explanation.
    source: x
    phrases: [a]
    examples: {flag: [a], pass: [b]}
""", encoding="utf-8")
    result = run("check", "--packs", str(pack), str(draft))
    assert result.exit_code == 2
    assert f"{pack}:8:" in result.stderr and "broken" in result.stderr and "severity" in result.stderr
    assert "Traceback" not in result.output


def test_console_script_and_module_entry_points(draft):
    for cmd in (["postlint"], [sys.executable, "-m", "postlint"]):
        if cmd == ["postlint"]:
            exe = Path(sys.executable).with_name("postlint")
            if not exe.exists():
                continue
            cmd = [str(exe)]
        proc = subprocess.run(cmd + ["check", "-f", "json", str(draft)], capture_output=True, text=True)
        assert proc.returncode == 1, proc.stderr
        assert json.loads(proc.stdout)["summary"]["error"] == 1


def test_the_command_exits_without_teardown_yet_loses_no_output(tmp_path):
    """`entry` ends the process with os._exit: a report far larger than a pipe's buffer still
    arrives whole, with the exit code the command gave, from one process and from workers."""
    rows = "".join(f'"Please utilise the pharmacy and DO NOT come to A&E, post {i}."\n' for i in range(600))
    posts = tmp_path / "posts.csv"
    posts.write_text("text\n" + rows, encoding="utf-8")
    for jobs in ("1", "2"):
        proc = subprocess.run([sys.executable, "-m", "postlint", "check", "--jobs", jobs, "--fail-on", "warning",
                               "-f", "json", str(posts)],
                              capture_output=True, text=True)
        assert proc.returncode == 1, proc.stderr
        report = json.loads(proc.stdout)
        assert report["summary"]["posts"] == 600 and len(report["findings"]) >= 1200
    proc = subprocess.run([sys.executable, "-m", "postlint", "check", str(tmp_path / "missing.txt")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "missing.txt" in proc.stderr


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path):
    posts = tmp_path / "posts.csv"
    posts.write_text("text\n" + "DO NOT come to A&E unless it is a REAL EMERGENCY.\n" * 3000, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "postlint", "check", "--no-color", str(posts)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.read(100)
    proc.stdout.close()  # like `postlint check ... | head`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) in (0, 1) and "Traceback" not in err and "Exception ignored" not in err


def test_version_and_rules_do_not_import_spacy():
    code = ("import sys; from postlint.cli import app; from typer.testing import CliRunner; "
            "r = CliRunner(); r.invoke(app, ['--version']); r.invoke(app, ['rules']); "
            "r.invoke(app, ['explain', 'all-caps.whole-post']); print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# Restore default SIGINT handling in the child even if this test runs where SIGINT is ignored.
INTERRUPT = ("import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
             "sys.argv = ['postlint', *sys.argv[1:]]; from postlint.cli import main; "
             "print('started', file=sys.stderr, flush=True); main()")


@pytest.mark.parametrize("command", ["check", "fix", "check-output"])
def test_ctrl_c_exits_130_without_traceback_and_leaves_files_whole(tmp_path, command):
    import signal
    import time

    big = tmp_path / "big.txt"
    original = "Please utilise the pharmacy and DO NOT come to A&E unless it is a REAL EMERGENCY.\n" * 100_000
    big.write_text(original, encoding="utf-8")
    args = {"check": ["check", str(big)], "fix": ["fix", str(big)],
            "check-output": ["check", "-f", "sarif", "-o", str(tmp_path / "r.sarif"), str(big)]}[command]
    proc = subprocess.Popen([sys.executable, "-c", INTERRUPT, *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stderr.readline().strip() == "started"
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.strip().splitlines()[-1] == "postlint: interrupted"
    assert big.read_text(encoding="utf-8") == original
    leftovers = {p.name for p in tmp_path.iterdir()} - {"big.txt", "r.sarif"}
    assert not leftovers  # no temporary file from an interrupted fix


def _run_main(monkeypatch, capsys, args, env=None):
    """The console-script entry point in this process, keeping pytest's own SIGINT handler."""
    import signal

    from postlint import cli

    monkeypatch.setattr(sys, "argv", ["postlint", *args])
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    handler = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as exit_:
            cli.main()
    finally:
        signal.signal(signal.SIGINT, handler)
    return exit_.value.code, capsys.readouterr()


def test_an_internal_error_is_one_line_and_exit_3(monkeypatch, capsys, draft):
    from postlint import linter

    def bug(self, posts):
        raise RuntimeError("something\nbroke \x1b[31m")

    monkeypatch.setattr(linter.Linter, "lint", bug)
    code, out = _run_main(monkeypatch, capsys, ["check", str(draft)], {"POSTLINT_DEBUG": ""})
    assert code == 3
    assert out.err == ("postlint: internal error: RuntimeError: something broke \\x1b[31m "
                       "(please report; run with POSTLINT_DEBUG=1 for details)\n")
    code, out = _run_main(monkeypatch, capsys, ["check", str(draft)], {"POSTLINT_DEBUG": "1"})
    assert code == 3
    assert "Traceback" in out.err and "RuntimeError: something" in out.err


def test_usage_errors_are_not_internal_errors(monkeypatch, capsys, draft):
    code, out = _run_main(monkeypatch, capsys, ["check", "--format", "xml", str(draft)])
    assert code == 2 and "internal error" not in out.err
    code, out = _run_main(monkeypatch, capsys, ["check", str(draft)])
    assert code == 1 and out.err == ""


def test_a_report_that_cannot_be_written_is_exit_2(tmp_path, draft, monkeypatch):
    import builtins
    import errno

    real_open = builtins.open

    class FullDisk:
        def __init__(self, *args, **kwargs):
            self.closed = False

        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

        def close(self):
            self.closed = True

    report = tmp_path / "report.json"

    def fake_open(file, *args, **kwargs):
        return FullDisk() if str(file) == str(report) else real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    result = run("check", "-f", "json", "-o", str(report), str(draft))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"postlint: error: {report}: cannot write report: No space left on device"
    assert "Traceback" not in result.output
