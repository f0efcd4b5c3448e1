"""Linting a large run on several cores. The linter is built and the posts are
read once, in this process; worker processes are forked from it, so they share
both without copying or pickling them, and each lints chunks of posts given by
position. Findings come back chunk by chunk, in order, so reporters still see
posts one at a time in input order. Small runs (most pre-commit calls) stay in
one process: forking costs more than it saves there."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from typing import TYPE_CHECKING, Iterator, Sequence

if TYPE_CHECKING:
    from .linter import Linter
    from .model import Finding, Post

# Below this many posts one process is faster than starting workers.
MIN_POSTS = 400
# Posts per chunk: large enough that passing results back is cheap, small enough to keep
# both workers busy to the end and the first results coming early.
MAX_CHUNK = 256

# What the forked workers inherit: set just before the pool starts, cleared after.
_linter: "Linter | None" = None
_posts: Sequence["Post"] = ()


def workers(posts: int, jobs: int | None = None) -> int:
    """How many processes to lint `posts` posts with: `jobs` when given, else every core
    for a large run and one for a small one. Workers are forked to share the linter, so
    only on Linux (macOS's system libraries are not safe to use after a fork)."""
    if not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if jobs is not None:
        return max(1, jobs)
    return max(1, min(os.cpu_count() or 1, 8)) if posts >= MIN_POSTS else 1


def lint_posts(linter: "Linter", posts: Sequence["Post"], jobs: int = 1) -> Iterator[tuple["Post", list["Finding"]]]:
    """Each post with its findings, in order, linted by `jobs` processes."""
    if jobs <= 1 or len(posts) < 2:
        yield from linter.lint(posts)
        return
    global _linter, _posts
    size = max(1, min(MAX_CHUNK, len(posts) // (jobs * 4)))
    chunks = [(start, min(start + size, len(posts))) for start in range(0, len(posts), size)]
    _linter, _posts = linter, posts
    # Objects that exist now are shared with the workers: keep the collector from walking
    # (and so copying) them in each worker, and from walking them again and again here.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_ignore_interrupts) as pool:
            for (start, _), (found, warnings) in zip(chunks, pool.imap(_lint_chunk, chunks)):
                linter.warnings.extend(warnings)
                for offset, findings in enumerate(found):
                    yield posts[start + offset], findings
    finally:
        _linter, _posts = None, ()
        gc.unfreeze()


def _ignore_interrupts() -> None:
    """Ctrl-C is the parent's to handle: it stops the pool and exits 130."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _lint_chunk(bounds: tuple[int, int]) -> tuple[list[list["Finding"]], list[str]]:
    """In a worker: the findings of posts[start:end], and any warnings they raised."""
    assert _linter is not None
    start, end = bounds
    before = len(_linter.warnings)
    found = [findings for _, findings in _linter.lint(_posts[start:end])]
    warnings = _linter.warnings[before:]
    del _linter.warnings[before:]
    return found, warnings
