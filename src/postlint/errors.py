"""Errors the user can act on. The CLI prints them as one line and exits 2;
anything else escaping is a bug."""

from __future__ import annotations


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
