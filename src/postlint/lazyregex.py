"""Regular expressions compiled when first used. Compiling costs milliseconds per
pattern with the `regex` module, and packs hold hundreds of patterns, most of
which a run never needs (their prefilters rule them out); a pattern compiled
before is loaded from disk (postlint.patterncache). A pack is compiled at
once the first time it is checked, to report a bad pattern; when the pack cache
(postlint.cache) says this exact pack was checked before, `checked_before` lets
its patterns wait until they are used."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterator

from .patterncache import compiled

_CHECKED = ContextVar("checked_before", default=False)


@contextmanager
def checked_before() -> Iterator[None]:
    """Within this block LazyRegex.now does not compile: the patterns are known to be valid."""
    token = _CHECKED.set(True)
    try:
        yield
    finally:
        _CHECKED.reset(token)


class LazyRegex:
    """A `regex` pattern: `pattern` and `flags` at once, everything else (search,
    finditer, groupindex ...) from the compiled pattern, compiled on first use."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: Any = None

    @classmethod
    def now(cls, pattern: str, flags: int = 0) -> "LazyRegex":
        """Compiled at once, so a bad pattern raises `regex.error` here (when a pack is
        checked), unless the pack was checked before."""
        out = cls(pattern, flags)
        if not _CHECKED.get():
            out._compiled = compiled(pattern, flags)
        return out

    @property
    def compiled(self) -> Any:
        if self._compiled is None:
            self._compiled = compiled(self.pattern, self.flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return f"LazyRegex({self.pattern!r}, {self.flags!r})"
