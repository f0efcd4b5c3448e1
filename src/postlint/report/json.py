"""The stable JSON report (version 1): later versions may add keys, never
remove or rename them."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..model import Finding, Post
from . import Reporter, Summary

JSON_VERSION = 1


def dumps(data: Any) -> str:
    """JSON for any Unicode: lone surrogates are written as \\u escapes, so the output stays valid."""
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8", "backslashreplace").decode("utf-8")


class JsonReporter(Reporter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.findings: list[dict[str, Any]] = []

    def post(self, post: Post, findings: list[Finding]) -> None:
        self.findings.extend(f.to_json() for f in findings)

    def finish(self, summary: Summary) -> None:
        report = {"version": JSON_VERSION, "postlint": __version__, "summary": summary.to_json(),
                  "findings": self.findings}
        if summary.errors:
            report["errors"] = summary.errors
        self.out.write(dumps(report) + "\n")
