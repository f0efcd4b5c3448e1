"""Glob patterns from the config (include, exclude, per-file ignores), matched
against a path relative to the config file's folder."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

_TOKEN = re.compile(r"\*\*/|/\*\*$|\*\*|\*|\?|\[!?[^\]/]+\]|[^*?\[]+|\[")


def glob_regex(pattern: str) -> re.Pattern[str]:
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
    return re.compile("".join(out) + "(?:/.*)?")


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
        return any(r.fullmatch(rel) for r in self._regexes)
