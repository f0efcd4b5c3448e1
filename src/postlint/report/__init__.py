"""Output formats. Each reporter receives posts and their findings as the
linter streams them and writes a report; none of them re-reads a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Callable, Sequence

from ..model import Finding, Post, Severity

if TYPE_CHECKING:
    from ..packs import Rule


@dataclass
class Summary:
    """Counts for the closing line and the JSON summary."""

    files: int = 0
    posts: int = 0
    counts: dict[Severity, int] = field(default_factory=lambda: {s: 0 for s in Severity})
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # rules skipped on a post (a pattern ran out of time)

    def add(self, findings: list[Finding]) -> None:
        self.posts += 1
        for f in findings:
            self.counts[f.severity] += 1

    def to_json(self) -> dict[str, int]:
        return {"files": self.files, "posts": self.posts, "error": self.counts[Severity.ERROR],
                "warning": self.counts[Severity.WARNING], "info": self.counts[Severity.INFO]}


class Reporter:
    """Base class: `post` is called once per post in order, `finish` once at the end."""

    def __init__(self, out: IO[str], color: bool | None = None, verbose: bool = True,
                 rules: Sequence["Rule"] = ()) -> None:
        self.out = out
        self.color = color
        self.verbose = verbose
        self.rules = rules  # the rules of the run, with their effective severity

    def post(self, post: Post, findings: list[Finding]) -> None:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        raise NotImplementedError


def formats() -> dict[str, Callable[..., Reporter]]:
    """Format name → reporter class, imported on demand."""
    from .github import GithubReporter
    from .human import HumanReporter
    from .json import JsonReporter
    from .sarif import SarifReporter

    return {"human": HumanReporter, "json": JsonReporter, "sarif": SarifReporter, "github": GithubReporter}


def repo_path(path: str) -> str:
    """A finding's path as CI tools want it: relative to the current folder
    (the repository root in CI) with forward slashes, when it lies inside it."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return p.as_posix()
    return p.as_posix().removeprefix("./")
