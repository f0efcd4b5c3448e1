"""A progress bar on stderr for long runs at a terminal; nothing otherwise,
so logs, pipes, CI and pre-commit output stay clean."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import IO, Any, Iterator, Mapping, Protocol

MIN_POSTS = 50


def wants_progress(total: int, stream: IO[str], environ: Mapping[str, str] = os.environ) -> bool:
    """Many posts, stderr a terminal, and not inside a pre-commit hook (it may give hooks a terminal)."""
    isatty = getattr(stream, "isatty", None)
    return (total >= MIN_POSTS and bool(isatty and isatty()) and "PRE_COMMIT" not in environ
            and environ.get("TERM") != "dumb")


class Advance(Protocol):
    def __call__(self) -> None: ...

    def expect(self, total: int) -> None: ...


class _Silent:
    """No bar: stderr is not a terminal, or a hook runs us."""

    def __call__(self) -> None:
        pass

    def expect(self, total: int) -> None:
        pass


class _Bar:
    """Call once per post linted; `expect(total)` corrects the run's total (posts are read
    file by file, so it is an estimate until the last file is read). The bar appears at the
    first post or correction that makes the run a long one."""

    def __init__(self, total: int, stream: IO[str]) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self._bar: Any = None
        self._task: Any = None

    def __call__(self) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.advance(self._task)
        elif self.total >= MIN_POSTS:
            self._start()

    def expect(self, total: int) -> None:
        self.total = max(total, self.done)
        if self._bar is not None:
            self._bar.update(self._task, total=self.total)
        elif self.total >= MIN_POSTS and self.done:
            self._start()

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        console = Console(file=self.stream, force_terminal=True)
        # The report goes to stdout: let rich print it above the bar when both share the terminal.
        self._bar = Progress(TextColumn("Linting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                             console=console, transient=True, redirect_stdout=sys.stdout.isatty(),
                             redirect_stderr=False)
        self._bar.start()
        self._task = self._bar.add_task("lint", total=self.total, completed=self.done)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()


@contextmanager
def progress(total: int, stream: IO[str] | None = None) -> Iterator[Advance]:
    """Yields a function to call once per post linted, with an `expect(total)` method to
    correct the total (an estimate to begin with) as the run's files are read."""
    stream = stream or sys.stderr
    if not wants_progress(MIN_POSTS, stream):  # a terminal, outside hooks; the count is checked as it goes
        yield _Silent()
        return
    bar = _Bar(total, stream)
    try:
        yield bar
    finally:
        bar.stop()
