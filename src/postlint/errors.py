"""Errors the user can act on. The CLI prints them as one line and exits 2;
anything else escaping is a bug."""

from __future__ import annotations

import difflib
from typing import Iterable


class PostlintError(Exception):
    """A usage, input, pack or config problem: one line, exit code 2."""

    exit_code = 2


class InputError(PostlintError):
    """A file to lint could not be read or parsed."""


class PackError(PostlintError):
    """A rule pack is malformed."""


class ConfigError(PostlintError):
    """A configuration file is malformed."""


def where(path: str, line: int | None = None) -> str:
    """`path:line` when the line is known, else `path`."""
    return f"{path}:{line}" if line else path


def close_match(word: str, choices: Iterable[str]) -> str | None:
    """The one of `choices` that `word` is most likely a typo of ('mesage' for 'message'),
    if any is close: a misspelt key or id is the commonest mistake in a pack or config."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return found[0] if found else None


def typo_hint(word: str, choices: Iterable[str], otherwise: str) -> str:
    """The end of an 'unknown ...' message: "(did you mean 'message'?)" when `word` looks
    like a typo of one of `choices`, else `otherwise` (what is allowed, say)."""
    match = close_match(word, choices)
    return f"(did you mean {match!r}?)" if match else otherwise
