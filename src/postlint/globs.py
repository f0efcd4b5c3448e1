"""Glob patterns from the config (include, exclude, per-file ignores), matched
against a path relative to the config file's folder."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

import regex

from .errors import ConfigError

# Seconds a glob may take to match one path: `*a*a*a*a*a*b` backtracks without end on a long name.
TIMEOUT = 1.0

_TOKEN = re.compile(r"\*\*/|/\*\*$|\*\*|\*|\?|\[!?[^\]/]+\]|[^*?\[]+|\[")


def glob_regex(pattern: str) -> regex.Pattern:
    """`*` matches within one name, `**` across folders, `?` one character,
    `[abc]`/`[!abc]` a set. A pattern without a slash matches a name at any
    depth (`*.csv`, `archive`); a pattern that names a folder matches
    everything inside it."""
    pattern = pattern.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    pattern = pattern.rstrip("/")
    out = [] if "/" in pattern else ["(?:.*/)?"]
    for token in _TOKEN.findall(pattern.lstrip("/")):
        if token == "**/":
            out.append("(?:.*/)?")
        elif token in ("/**", "**"):
            out.append("(?:/.*)?" if token == "/**" else ".*")
        elif token == "*":
            out.append("[^/]*")
        elif token == "?":
            out.append("[^/]")
        elif token.startswith("[") and len(token) > 1:
            body = token[1:-1]
            out.append("[" + ("^" + re.escape(body[1:]) if body.startswith("!") else re.escape(body)) + "]")
        else:
            out.append(re.escape(token))
    return regex.compile("".join(out) + "(?:/.*)?")


class Globs:
    """A set of glob patterns, relative to `base` (a folder)."""

    def __init__(self, patterns: Iterable[str], base: Path) -> None:
        self.patterns = list(patterns)
        self.base = base.resolve()
        self._regexes = [glob_regex(p) for p in self.patterns]

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def relative(self, path: Path) -> str:
        """The path relative to `base` in / form, or absolute when it lies outside."""
        full = path.resolve()
        try:
            return full.relative_to(self.base).as_posix()
        except ValueError:
            return full.as_posix()

    def matches(self, path: Path) -> bool:
        rel = self.relative(path)
        for pattern, compiled in zip(self.patterns, self._regexes):
            try:
                if compiled.fullmatch(rel, timeout=TIMEOUT):
                    return True
            except TimeoutError:
                raise ConfigError(f"the config's glob {pattern!r} takes too long to match {rel!r}; "
                                  "use fewer '*' in one name") from None
        return False
