"""The `postlint` command: parses options, wires sources, packs, linter and
reporter together and sets the exit code. spaCy is imported only by `check`."""

from __future__ import annotations

import contextlib
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, List, Optional

import typer

from . import __version__
from .errors import PostlintError, typo_hint
from .report.text import visible, visible_lines

if TYPE_CHECKING:
    from .config import Config
    from .linter import Linter
    from .packs import Pack

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
# Set to show the traceback of an internal error (a bug) instead of one line.
DEBUG_ENV = "POSTLINT_DEBUG"

app = typer.Typer(
    name="postlint",
    help="Lint draft social-media posts against your organisation's social media protocol.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    human = "human"
    json = "json"
    sarif = "sarif"
    github = "github"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"postlint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Lint draft social-media posts against your organisation's social media protocol."""


def error(message: str) -> None:
    """One line on stderr; a file name or value in it is shown with control characters escaped."""
    typer.echo(f"postlint: error: {visible(message)}", err=True)


def fail(message: str) -> typer.Exit:
    """Print a one-line error to stderr and return the exit to raise."""
    error(message)
    return typer.Exit(EXIT_ERROR)


def _config(path: Optional[Path], no_config: bool) -> "Config":
    from .config import load_config

    return load_config(path, search=not no_config)


def _setup(config: Optional[Path], no_config: bool, fail_on: Optional["FailOn"], platform: Optional[str],
           **lists: List[Any]) -> tuple["Config", "Linter"]:
    """The run's settings (config file, then flags) and a linter for its rules; exits 2 on a problem."""
    from .heap import startup
    from .linter import Linter

    try:
        with startup():
            settings = _config(config, no_config).with_flags(
                fail_on=fail_on.value if fail_on else None, platform=_platform(platform), **lists)
            return settings, Linter(_load_rules(settings), severities=settings.severity, profile=settings.profile())
    except PostlintError as exc:
        raise fail(str(exc)) from None


def _load_rules(config: "Config") -> list:  # type: ignore[type-arg]
    """The packs the config and flags name, checked against every rule id they mention."""
    from .packs import all_rules, load_packs, no_match, select_rules, unknown_selectors

    rules = all_rules(load_packs(config.packs))
    config.check_selectors(r.id for r in rules)
    bad = unknown_selectors(rules, config.select + config.ignore)
    if bad:
        raise PostlintError(no_match(bad[0], (r.id for r in rules)))
    return select_rules(rules, config.select, config.ignore)


def _platform(value: Optional[str]) -> Optional[str]:
    """The canonical name for --platform (`twitter` is `x`); an unknown name is a usage error."""
    if value is None:
        return None
    from .platforms import canonical

    try:
        return canonical(value)
    except ValueError as exc:
        raise fail(f"--platform: {exc}") from None


PACKS_OPTION = typer.Option([], "--packs", metavar="PATH",
                            help="Add a rule pack file or a folder of packs (repeatable).")
CONFIG_OPTION = typer.Option(None, "--config", metavar="FILE", dir_okay=False,
                             help="Use this config file (.postlint.yaml or pyproject.toml) instead of the nearest one.")
NO_CONFIG_OPTION = typer.Option(False, "--no-config", help="Ignore any config file.")


@app.command()
def check(
    paths: List[str] = typer.Argument(..., metavar="PATH...", help="Files or folders to lint; '-' reads stdin."),
    format: Format = typer.Option(Format.human, "--format", "-f", help="Report format."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", show_default=False,
                                             help="Exit 1 when a finding is at or above this severity "
                                                  "[default: error, or fail_on in the config]."),
    select: List[str] = typer.Option([], "--select", metavar="ID",
                                     help="Only run these packs or rules (prefix of an id; repeatable; "
                                          "replaces the config's select)."),
    ignore: List[str] = typer.Option([], "--ignore", metavar="ID",
                                     help="Skip these packs or rules (prefix of an id; repeatable; "
                                          "adds to the config's ignore)."),
    packs: List[Path] = PACKS_OPTION,
    platform: Optional[str] = typer.Option(None, "--platform", metavar="NAME",
                                           help="Platform the posts are for, unless a file says (x, facebook, "
                                                "instagram, linkedin, youtube, threads, bluesky; twitter means x)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write the report to FILE instead of stdout."),
    brief: bool = typer.Option(False, "--brief", help="Leave out explanations (human format)."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color",
                                         help="Force colour on or off (default: on for a terminal, off with NO_COLOR)."),
    config: Optional[Path] = CONFIG_OPTION,
    no_config: bool = NO_CONFIG_OPTION,
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, show_default=False,
                                       help="Processes to lint with [default: one per core for runs of "
                                            "hundreds of posts, else 1]."),
) -> None:
    """Lint files of posts (text, Markdown, CSV, JSON, YAML) and report what breaks the protocol."""
    from .inputs import plan
    from .linter import warn
    from .heap import linting
    from . import patterncache
    from .parallel import chunk_size, lint_posts, workers
    from .report import Summary, formats
    from .report.progress import progress

    settings, linter = _setup(config, no_config, fail_on, platform, select=select, ignore=ignore, packs=packs)
    try:
        found = plan(paths, settings)  # the files, not yet read: each is read when the linter gets to it
    except PostlintError as exc:  # e.g. a config glob too slow to match
        raise fail(str(exc)) from None
    summary = Summary(errors=found.errors, warnings=linter.warnings)
    failing = False
    # The run's size is known only once every file is read: processes and progress bar go by
    # an estimate from the files' types and sizes, corrected as each file is read.
    expected = found.estimate()
    processes = workers(expected, jobs)

    with progress(expected) as advance, linting():
        try:
            out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
        except OSError as exc:
            raise fail(f"{output}: cannot write report: {exc.strerror or exc}") from None
        try:
            reporter = formats()[format.value](out, color=False if output else color, verbose=not brief,
                                               rules=linter.effective_rules())
            posts = found.stream(on_error=error, on_read=advance.expect)
            for post, findings in lint_posts(linter, posts, processes, chunk_size(expected, processes)):
                summary.add(findings)
                failing = failing or settings.fails(findings)
                reporter.post(post, findings)
                advance()
            summary.files = found.files
            reporter.finish(summary)
            if output:
                out.close()
        except BrokenPipeError:
            raise  # the reader of stdout has gone: typer exits quietly
        except OSError as exc:  # a full disk, a vanished folder
            raise fail(f"{output or '<stdout>'}: cannot write report: {exc.strerror or exc}") from None
        finally:
            if output and not out.closed:
                with contextlib.suppress(OSError):
                    out.close()
    patterncache.save()
    for message in linter.warnings:
        warn(message)
    if summary.errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


@app.command()
def init() -> None:
    """Write a commented starter .postlint.yaml in the current folder."""
    from .config import write_starter

    try:
        path = write_starter(Path.cwd())
    except PostlintError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"Wrote {path.name}: postlint uses it from this folder and every folder below it.")


@app.command()
def fix(
    paths: List[str] = typer.Argument(..., metavar="PATH...", help="Files or folders to fix in place."),
    diff: bool = typer.Option(False, "--diff", help="Write nothing: print a unified diff and exit 1 if anything "
                                                    "would change."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes",
                                      help="Also apply the first suggestion of findings that need judgement."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", show_default=False,
                                             help="Exit 1 when a finding at or above this severity remains after "
                                                  "fixing [default: error, or fail_on in the config]."),
    select: List[str] = typer.Option([], "--select", metavar="ID", help="Only run these packs or rules."),
    ignore: List[str] = typer.Option([], "--ignore", metavar="ID", help="Skip these packs or rules."),
    packs: List[Path] = PACKS_OPTION,
    platform: Optional[str] = typer.Option(None, "--platform", metavar="NAME", help="Platform the posts are for."),
    brief: bool = typer.Option(False, "--brief", help="Leave out explanations."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Force colour on or off."),
    config: Optional[Path] = CONFIG_OPTION,
    no_config: bool = NO_CONFIG_OPTION,
) -> None:
    """Apply safe fixes in place, then report what changed and what still needs a person."""
    from functools import partial

    from . import patterncache
    from .fixes import Fixed, fix_text, unified_diff, write_atomic
    from .inputs import expand, stamp
    from .linter import warn
    from .model import Finding, Post
    from .report import Summary, formats
    from .report.fixes import print_fixed
    from .sources import STDIN, decode, read_bytes, reader_for

    if STDIN in paths:
        raise fail("fix changes files in place; it cannot fix stdin ('-')")
    settings, linter = _setup(config, no_config, fail_on, platform, select=select, ignore=ignore, packs=packs)

    # Each file is fixed, written (or its diff printed) and let go before the next is read.
    # The report opens with the totals of what was fixed, so the edits and the findings
    # left for a person are kept to the end; posts without findings are only counted.
    errors: list[str] = []
    fixed: list[Fixed] = []
    remaining: list[tuple[Post, list[Finding]]] = []
    summary = Summary(errors=errors)
    changed = failing = False
    tty = sys.stdout.isatty()
    for arg in paths:
        try:
            files = expand(arg, settings)
        except PostlintError as exc:
            errors.append(str(exc))
            error(str(exc))
            continue
        for path, name in files:
            try:
                assert path is not None
                data = read_bytes(path, name)
                decoded = decode(data, name)
                reader = partial(reader_for(path), options=settings.read_options())
                outcome = fix_text(decoded, name, reader,
                                   lambda posts, path=path: linter.lint(stamp(p, path, settings) for p in posts),
                                   unsafe_fixes)
                if outcome.changed and not diff:
                    write_atomic(path, decoded.encode(outcome.text), data, name)
            except PostlintError as exc:
                errors.append(str(exc))
                error(str(exc))
                continue
            summary.files += 1
            changed = changed or outcome.changed
            if diff and outcome.changed:
                patch = unified_diff(outcome.decoded.text, outcome.text, outcome.name)
                # Exact when piped (so `patch` can apply it); control characters escaped at a terminal.
                sys.stdout.write(visible_lines(patch, cr="\n") if tty else patch)
            elif not diff:
                fixed.append(outcome.summary())
                for post, findings in outcome.remaining:
                    summary.add(findings)
                    failing = failing or settings.fails(findings)
                    if findings:
                        remaining.append((post, findings))
            del data, decoded, outcome  # before the next file is read
    patterncache.save()
    for message in linter.warnings:
        warn(message)

    if diff:
        raise typer.Exit(EXIT_ERROR if errors else EXIT_FINDINGS if changed else EXIT_OK)

    print_fixed(sys.stdout, fixed, color)
    reporter = formats()["human"](sys.stdout, color=color, verbose=not brief)
    for post, findings in remaining:
        reporter.post(post, findings)
    reporter.finish(summary)
    raise typer.Exit(EXIT_ERROR if errors else EXIT_FINDINGS if failing else EXIT_OK)


class ListFormat(str, Enum):
    human = "human"
    json = "json"


@app.command("rules")
def list_rules(
    packs: List[Path] = PACKS_OPTION,
    format: ListFormat = typer.Option(ListFormat.human, "--format", "-f", help="Output format."),
    config: Optional[Path] = CONFIG_OPTION,
    no_config: bool = NO_CONFIG_OPTION,
    check: bool = typer.Option(False, "--check",
                               help="Instead of listing, run each rule's flag and pass examples (your own "
                                    "packs', or the built-in ones when you add none): exit 1 if one does "
                                    "not behave as its pack says."),
) -> None:
    """List the rule packs (built-in, the config's and --packs) and their rules."""
    from .packs import load_packs

    try:
        settings = _config(config, no_config)
        extra = settings.packs + tuple(packs)
        loaded = load_packs(extra)
        # for --check: the packs you add, read again without the built-in ones (which they may replace)
        own = load_packs(extra, builtin=False) if check and extra else []
    except PostlintError as exc:
        raise fail(str(exc)) from None
    if check:
        _check_examples(own or loaded, settings.profile(), format)
    if format is ListFormat.json:
        from .report.json import dumps

        typer.echo(dumps([{"id": p.id, "title": p.title, "source": p.source, "path": p.path,
                           "rules": [{"id": r.id, "kind": r.kind.name, "severity": r.severity.label,
                                      "summary": r.summary, "source": r.source} for r in p.rules]}
                          for p in loaded]))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, markup=False, emoji=False)
    for p in loaded:
        table = Table(title=visible(f"{p.id} — {p.title}"), title_justify="left", show_edge=False, pad_edge=False)
        table.add_column("rule", style="magenta", no_wrap=True)
        table.add_column("severity", no_wrap=True)
        table.add_column("what it checks")
        for r in p.rules:
            table.add_row(r.id, r.severity.label, visible(r.summary))
        console.print(table)
        console.print()


def _check_examples(packs: "list[Pack]", profile: dict[str, Any], format: ListFormat) -> None:
    """Run the packs' examples with the run's organisation profile, report the ones that do
    not behave as their pack says, and exit: 1 if any, else 0. A pack author's test, no Python."""
    from .testing import cases, run_case

    rules = [r for p in packs for r in p.rules]
    failures = []
    checked = 0
    try:
        for case in cases(rules):
            checked += 1
            problem = run_case(case, profile)
            if problem is not None:
                failures.append({"rule": case.rule.id, "path": case.rule.path, "line": case.rule.line,
                                 "expected": "flag" if case.expect_flag else "pass", "problem": problem})
    except PostlintError as exc:
        raise fail(str(exc)) from None
    if format is ListFormat.json:
        from .report.json import dumps

        typer.echo(dumps({"packs": [p.id for p in packs], "rules": len(rules), "examples": checked,
                          "failures": failures}))
    else:
        for f in failures:
            typer.echo(visible(f"{f['path']}:{f['line']}: {f['problem']}"))
        scope = f"{checked} examples of {len(rules)} rules in {len(packs)} pack{'s' * (len(packs) != 1)}"
        typer.echo(f"✗ {len(failures)} of {scope} do not behave as their pack says" if failures
                   else f"✓ all {scope} behave as their pack says")
    raise typer.Exit(EXIT_FINDINGS if failures else EXIT_OK)


def _example_line(ex: Any) -> str:
    """An example as `explain` shows it; a long one (a length limit's) is shortened."""
    text = ex.text if len(ex.text) <= 200 else f"{ex.text[:150]}… ({len(ex.text):,} characters)"
    return visible(text) + (f"  [{ex.platform}]" if ex.platform else "")


@app.command()
def explain(
    rule_id: str = typer.Argument(..., metavar="RULE_ID", help="A rule id such as all-caps.whole-post."),
    packs: List[Path] = PACKS_OPTION,
    config: Optional[Path] = CONFIG_OPTION,
    no_config: bool = NO_CONFIG_OPTION,
) -> None:
    """Explain a rule: its message, why it matters, where the protocol says so, and examples."""
    from rich.console import Console
    from rich.text import Text

    from .packs import all_rules, load_packs

    try:
        rules = all_rules(load_packs(_config(config, no_config).packs + tuple(packs)))
    except PostlintError as exc:
        raise fail(str(exc)) from None
    match = [r for r in rules if r.id == rule_id] or [r for r in rules if r.id.startswith(rule_id)]
    if len(match) != 1:
        hint = (f"; did you mean one of: {', '.join(r.id for r in match[:8])}" if match
                else " " + typo_hint(rule_id, [r.id for r in rules], "(see `postlint rules`)"))
        raise fail(f"no rule {rule_id!r}{hint}")
    r = match[0]
    c = Console(highlight=False, markup=False, emoji=False)
    c.print(Text(f"{r.id}  ({r.severity.label}, kind {r.kind.name})", style="bold"))
    for heading, body in (("Message", r.message), ("Why", r.explanation), ("Source", r.source)):
        c.print(Text(f"\n{heading}", style="bold"))
        _hanging(c, Text("  "), visible(body))
    for heading, mark, style, examples in (("Flagged", "✗", "red", r.flag), ("Not flagged", "✓", "green", r.passes)):
        c.print(Text(f"\n{heading}", style="bold"))
        for ex in examples:
            _hanging(c, Text(f"  {mark} ", style=style), _example_line(ex))


def _hanging(console: Any, lead: Text, body: str) -> None:
    """`body` wrapped to the console after `lead`, its later lines indented as far, with no
    padding at the ends of lines (the output is often read in a file or a pipe)."""
    import textwrap

    from rich.text import Text

    width = max(30, console.width - lead.cell_len)
    lines = textwrap.wrap(body, width, break_long_words=False, break_on_hyphens=False)
    for i, line in enumerate(lines or [""]):
        console.print((lead.copy() if i == 0 else Text(" " * lead.cell_len)).append(line), soft_wrap=True)


class Interrupted(BaseException):
    """Raised by our SIGINT handler; click turns KeyboardInterrupt into exit 1, this passes through."""


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted()


def main() -> None:
    """Console-script entry point: Ctrl-C exits 130 with one line, no traceback; a bug
    (any other exception) exits 3 with one line, or its traceback when POSTLINT_DEBUG is set."""
    import signal

    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupt)
    try:
        app()
    except (Interrupted, KeyboardInterrupt):
        sys.stderr.write("postlint: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:
        if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
            import traceback

            traceback.print_exc()
        else:
            detail = visible(" ".join(f"{type(exc).__name__}: {exc}".split()))[:300]
            sys.stderr.write(f"postlint: internal error: {detail} "
                             f"(please report; run with {DEBUG_ENV}=1 for details)\n")
        sys.exit(EXIT_INTERNAL)


def entry() -> None:
    """The `postlint` command: `main`, then exit without tearing the interpreter down.
    Freeing spaCy's, the packs' and the run's objects one by one, and the collector's last
    pass over them, takes longer than linting a small run (about a tenth of a second after
    one draft, half a second after a parallel run on a slow machine); the system frees the
    process's memory at once. The report is flushed and the exit handlers run first, so
    only that clean-up is skipped."""
    import atexit

    try:
        main()
        code: object = EXIT_OK
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = EXIT_OK
    elif not isinstance(code, int):  # as sys.exit does with a message
        sys.stderr.write(f"{code}\n")
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader has gone, or the stream is closed
            pass
    os._exit(code)
