"""The cyclic garbage collector, kept out of the way. Building a linter makes a
few hundred thousand long-lived objects (spaCy's vocabulary and tokenizer, the
packs, the matchers), and the collector would walk them again and again as they
are made (about a tenth of start-up). They make almost no garbage, so collection
is paused while they are built; then they are frozen out of the collector's view
(`gc.freeze`), so the collections that linting triggers skip them. Linting makes
many short-lived objects (matches, hits, findings) and almost no reference
cycles, so while it runs the youngest generation is collected far less often."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

# Allocations between collections of the youngest generation while linting (Python's
# default is 700): about 4% of the time of a large run, with no cycles to speak of to free.
LINTING_THRESHOLD = 20_000


@contextmanager
def startup() -> Iterator[None]:
    """Pause collection while the block builds long-lived objects, then freeze them.
    What an earlier command in the same process froze (the tests run many) is handed
    back to the collector first, since it is garbage by now."""
    gc.unfreeze()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


@contextmanager
def linting() -> Iterator[None]:
    """Collect the youngest generation rarely while the block lints; forked workers inherit it."""
    before = gc.get_threshold()
    gc.set_threshold(LINTING_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
