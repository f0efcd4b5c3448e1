"""The stable JSON report (version 1): later versions may add keys, never
remove or rename them."""

from __future__ import annotations

import json
import shutil
import tempfile
from typing import IO, Any

from .. import __version__
from ..model import Finding, Post
from . import Reporter, Summary

JSON_VERSION = 1
FINDING_INDENT = "    "
EMPTY_FINDINGS = '"findings": []'


def dumps(data: Any) -> str:
    """JSON for any Unicode: lone surrogates are written as \\u escapes, so the output stays valid."""
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8", "backslashreplace").decode("utf-8")


class JsonReporter(Reporter):
    """Writes each finding's JSON as it arrives to a temporary file, so a run of 200,000
    posts holds none of them in memory; `finish` writes the summary (known only then),
    then the findings. The output is what `dumps` of the whole report would give."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spool: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.count = 0

    def post(self, post: Post, findings: list[Finding]) -> None:
        for f in findings:
            # A finding sits two levels deep in the report: indent its lines by 4 more.
            text = FINDING_INDENT + dumps(f.to_json()).replace("\n", "\n" + FINDING_INDENT)
            self.spool.write((",\n" if self.count else "\n") + text)
            self.count += 1

    def finish(self, summary: Summary) -> None:
        report: dict[str, Any] = {"version": JSON_VERSION, "postlint": __version__, "summary": summary.to_json(),
                                  "findings": []}
        if summary.errors:
            report["errors"] = summary.errors
        text = dumps(report) + "\n"
        if not self.count:
            self.out.write(text)
            return
        head, tail = text.split(EMPTY_FINDINGS, 1)
        self.out.write(head + '"findings": [')
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, self.out)
        self.spool.close()
        self.out.write("\n  ]" + tail)
