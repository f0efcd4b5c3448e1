"""The stable JSON report (version 1): later versions may add keys, never
remove or rename them."""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..model import Finding, Post
from . import Reporter, Summary
from .spool import Spool, dumps, write_json

__all__ = ["JsonReporter", "dumps"]
JSON_VERSION = 1


class JsonReporter(Reporter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.findings = Spool(level=1)

    def post(self, post: Post, findings: list[Finding]) -> None:
        for f in findings:
            self.findings.add(f.to_json())

    def finish(self, summary: Summary) -> None:
        report: dict[str, Any] = {"version": JSON_VERSION, "postlint": __version__,
                                  "summary": summary.to_json(), "findings": self.findings}
        if summary.errors:
            report["errors"] = summary.errors
        if summary.warnings:
            report["warnings"] = summary.warnings
        write_json(self.out, report)
        self.out.write("\n")
