"""Output formats. Each reporter receives posts and their findings as the
linter streams them and writes a report; none of them re-reads a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Callable

from ..model import Finding, Post, Severity


@dataclass
class Summary:
    """Counts for the closing line and the JSON summary."""

    files: int = 0
    posts: int = 0
    counts: dict[Severity, int] = field(default_factory=lambda: {s: 0 for s in Severity})
    errors: list[str] = field(default_factory=list)

    def add(self, findings: list[Finding]) -> None:
        self.posts += 1
        for f in findings:
            self.counts[f.severity] += 1

    def to_json(self) -> dict[str, int]:
        return {"files": self.files, "posts": self.posts, "error": self.counts[Severity.ERROR],
                "warning": self.counts[Severity.WARNING], "info": self.counts[Severity.INFO]}


class Reporter:
    """Base class: `post` is called once per post in order, `finish` once at the end."""

    def __init__(self, out: IO[str], color: bool | None = None, verbose: bool = True) -> None:
        self.out = out
        self.color = color
        self.verbose = verbose

    def post(self, post: Post, findings: list[Finding]) -> None:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        raise NotImplementedError


def formats() -> dict[str, Callable[..., Reporter]]:
    """Format name → reporter class, imported on demand."""
    from .human import HumanReporter
    from .json import JsonReporter

    return {"human": HumanReporter, "json": JsonReporter}
