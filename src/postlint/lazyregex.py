"""Regular expressions compiled when first used. Compiling costs milliseconds per
pattern with the `regex` module, and packs hold hundreds of patterns, most of
which a short run never needs (their prefilters rule them out). A LazyRegex
pickles as its source, so a cached pack (see postlint.cache) loads without
compiling anything."""

from __future__ import annotations

from typing import Any

import regex


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
        """Compiled at once, so a bad pattern raises `regex.error` here (when a pack is checked)."""
        out = cls(pattern, flags)
        out._compiled = regex.compile(pattern, flags)
        out.flags = out._compiled.flags  # with the flags the pattern sets itself, as regex reports them
        return out

    @property
    def compiled(self) -> Any:
        if self._compiled is None:
            self._compiled = regex.compile(self.pattern, self.flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyRegex, (self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyRegex({self.pattern!r}, {self.flags!r})"
