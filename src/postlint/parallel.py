"""Linting a large run on several cores. The linter is built once, in this
process; worker processes are forked from it before any post is read, so they
share it without copying or pickling it. This process then reads the posts as
they are needed and hands them to the workers in chunks, keeping only a few
chunks in flight, so memory does not grow with the run. Findings come back
chunk by chunk, in order, so reporters still see posts one at a time in input
order. Small runs (most pre-commit calls) stay in one process: forking costs
more than it saves there."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections import deque
from typing import TYPE_CHECKING, Iterable, Iterator, Sized

from . import patterncache
from .batching import batches, post_text

if TYPE_CHECKING:
    from .linter import Linter
    from .model import Finding, Post

# Below about this many posts one process is faster than starting workers. The count is
# not known before the files are read, so the run's size is estimated (inputs.File.estimate).
MIN_POSTS = 400
# Posts per chunk: large enough that passing posts and results is cheap, small enough to keep
# every worker busy to the end and the first results coming early.
MAX_CHUNK = 256
MIN_CHUNK = 16
# A chunk ends sooner when its posts hold this many characters: it is held here and in a
# worker until its findings are reported, and a post can be a whole file.
CHUNK_CHARS = 250_000
# Chunks given to the workers and not yet reported, per worker: enough to keep them busy
# while this process reads the next file, few enough that memory stays flat.
IN_FLIGHT = 4

# What the forked workers inherit: set just before the pool starts, cleared after.
_linter: "Linter | None" = None


def workers(posts: int, jobs: int | None = None) -> int:
    """How many processes to lint about `posts` posts with: one for a single post, else
    `jobs` when given, else every core for a large run and one for a small one. Workers
    are forked to share the linter, so only on Linux (macOS's system libraries are not
    safe to use after a fork)."""
    if not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if posts < 2:
        return 1
    if jobs is not None:
        return max(1, jobs)
    return max(1, min(os.cpu_count() or 1, 8)) if posts >= MIN_POSTS else 1


def chunk_size(posts: int, jobs: int) -> int:
    """Posts per chunk for a run of about `posts` posts: at least four chunks per worker."""
    return max(MIN_CHUNK, min(MAX_CHUNK, posts // (jobs * 4)))


def lint_posts(linter: "Linter", posts: Iterable["Post"], jobs: int = 1,
               size: int = MAX_CHUNK) -> Iterator[tuple["Post", list["Finding"]]]:
    """Each post with its findings, in order, linted by `jobs` processes. `posts` is
    consumed lazily: at most `jobs * IN_FLIGHT` chunks of `size` posts ahead of the
    post being yielded. The workers are forked before the first post is drawn, so
    they never hold a copy of posts read before them."""
    if jobs <= 1 or (isinstance(posts, Sized) and len(posts) < 2):
        yield from linter.lint(posts)
        return
    source = iter(posts)
    global _linter
    _linter = linter
    # Objects that exist now are shared with the workers: keep the collector from walking
    # (and so copying) them in each worker, and from walking them again and again here.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_ignore_interrupts) as pool:
            pending: deque = deque()
            for chunk in batches(source, size, CHUNK_CHARS, post_text):
                pending.append((chunk, pool.apply_async(_lint_chunk, ([p.portable() for p in chunk],))))
                if len(pending) >= jobs * IN_FLIGHT:
                    yield from _results(linter, *pending.popleft())
            while pending:
                yield from _results(linter, *pending.popleft())
    finally:
        _linter = None
        gc.unfreeze()


def _results(linter: "Linter", chunk: list["Post"], result: "multiprocessing.pool.AsyncResult"
             ) -> Iterator[tuple["Post", list["Finding"]]]:
    found, warnings, patterns = result.get()
    linter.warnings.extend(warnings)
    patterncache.add(patterns)
    yield from zip(chunk, found)


def _ignore_interrupts() -> None:
    """Ctrl-C is the parent's to handle: it stops the pool and exits 130."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _lint_chunk(chunk: list["Post"]) -> tuple[list[list["Finding"]], list[str], dict]:
    """In a worker: the findings of each post of the chunk, any warnings they raised, and the
    patterns it compiled for them (for the parent to keep, see postlint.patterncache)."""
    assert _linter is not None
    before = len(_linter.warnings)
    found = [findings for _, findings in _linter.lint(chunk)]
    warnings = _linter.warnings[before:]
    del _linter.warnings[before:]
    return found, warnings, patterncache.taken()
