"""Start-up without the cyclic garbage collector. Building a linter makes a few
hundred thousand long-lived objects (spaCy's vocabulary and tokenizer, the packs,
the matchers), and the collector would walk them again and again as they are
made (about a tenth of start-up). They make almost no garbage, so collection is
paused while they are built; then they are frozen out of the collector's view
(`gc.freeze`), so the collections that linting triggers skip them."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


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
