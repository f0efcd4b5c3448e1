"""A progress bar on stderr for long runs at a terminal; nothing otherwise,
so logs, pipes, CI and pre-commit output stay clean."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import IO, Callable, Iterator, Mapping

MIN_POSTS = 50


def wants_progress(total: int, stream: IO[str], environ: Mapping[str, str] = os.environ) -> bool:
    """Many posts, stderr a terminal, and not inside a pre-commit hook (it may give hooks a terminal)."""
    isatty = getattr(stream, "isatty", None)
    return (total >= MIN_POSTS and bool(isatty and isatty()) and "PRE_COMMIT" not in environ
            and environ.get("TERM") != "dumb")


@contextmanager
def progress(total: int, stream: IO[str] | None = None) -> Iterator[Callable[[], None]]:
    """Yields a function to call once per post linted."""
    stream = stream or sys.stderr
    if not wants_progress(total, stream):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=stream, force_terminal=True)
    # The report goes to stdout: let rich print it above the bar when both share the terminal.
    with Progress(TextColumn("Linting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, transient=True, redirect_stdout=sys.stdout.isatty(),
                  redirect_stderr=False) as bar:
        task = bar.add_task("lint", total=total)
        yield lambda: bar.advance(task)
