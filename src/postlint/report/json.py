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
FINDING_INDENT = "    "
EMPTY_FINDINGS = '"findings": []'


class JsonReporter(Reporter):
    """Writes each finding's JSON as it arrives to a temporary file, so a run of 200,000
    posts holds none of them in memory; `finish` writes the summary (known only then),
    then the findings. The output is what `dumps` of the whole report would give."""

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
