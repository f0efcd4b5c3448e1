"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line
per finding, so findings appear as annotations on the changed files."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..model import Finding, Post, Severity
from . import Reporter, Summary, repo_path
from .text import visible_lines

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """GitHub's escaping of line breaks and '%'; other control characters (which the log
    would show, ANSI colours included) are escaped as \\x.. first."""
    return visible_lines(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


class GithubReporter(Reporter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.file = lru_cache(maxsize=1024)(repo_path)  # once a file: resolving a path is costly

    def post(self, post: Post, findings: list[Finding]) -> None:
        for f in findings:
            where = {"file": self.file(f.path), "line": f.line, "endLine": f.end_line}
            if f.line == f.end_line:  # GitHub accepts columns only on a one-line span
                where.update(col=f.column, endColumn=f.end_column)
            message = f.message
            if f.suggestions:
                message += " Try: " + " / ".join(s or "(leave it out)" for s in f.suggestions)
            if f.row is not None:
                message += f" (row {f.row})"
            self.out.write(command(COMMAND[f.severity], message, **where, title=f"postlint {f.rule}") + "\n")

    def finish(self, summary: Summary) -> None:
        for error in summary.errors:
            self.out.write(command("error", error, title="postlint") + "\n")
        for warning in summary.warnings:
            self.out.write(command("warning", warning, title="postlint") + "\n")
