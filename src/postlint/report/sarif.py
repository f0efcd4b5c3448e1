"""SARIF 2.1.0 for code-scanning tools such as GitHub's: the rules of the run
as tool metadata (explanation and protocol section as help) and each finding
as a result with its file region."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..model import Finding, Post, Severity
from . import Reporter, Summary, repo_path
from .spool import Spool, write_json

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _artifact(path: str) -> dict[str, str]:
    """A path relative to the source root (the repository in CI), or a file: URI outside it."""
    rel = repo_path(path)
    if PurePosixPath(rel).is_absolute():
        return {"uri": Path(path).resolve().as_uri()}
    return {"uri": quote(rel), "uriBaseId": "%SRCROOT%"}


class SarifReporter(Reporter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.results = Spool(level=3)  # log → runs → run → results
        self.index = {r.id: i for i, r in enumerate(self.rules)}
        self.artifact = lru_cache(maxsize=1024)(_artifact)  # once a file: resolving a path is costly

    def post(self, post: Post, findings: list[Finding]) -> None:
        for f in findings:
            self.results.add(self._result(f))

    def _result(self, f: Finding) -> dict[str, Any]:
        region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column,
                  "snippet": {"text": f.match}}
        location = {"physicalLocation": {"artifactLocation": self.artifact(f.path), "region": region}}
        result: dict[str, Any] = {"ruleId": f.rule, "level": LEVEL[f.severity], "message": {"text": f.message},
                                  "locations": [location]}
        if f.rule in self.index:
            result["ruleIndex"] = self.index[f.rule]
        properties: dict[str, Any] = {"post": f.post}
        if f.row is not None:
            properties["row"] = f.row
        if f.suggestions:
            properties["suggestions"] = list(f.suggestions)
        result["properties"] = properties
        return result

    def _rule(self, rule: Any) -> dict[str, Any]:
        return {
            "id": rule.id,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.explanation},
            "help": {"text": f"{rule.explanation}\n\nSource: {rule.source}",
                     "markdown": f"{rule.explanation}\n\n**Source:** {rule.source}"},
            "defaultConfiguration": {"level": LEVEL[rule.severity]},
            "properties": {"tags": ["postlint", rule.pack], "pack": rule.pack, "kind": rule.kind.name,
                           "source": rule.source},
        }

    def finish(self, summary: Summary) -> None:
        run: dict[str, Any] = {
            "tool": {"driver": {"name": "postlint", "version": __version__, "semanticVersion": __version__,
                                "rules": [self._rule(r) for r in self.rules]}},
            "columnKind": "unicodeCodePoints",
            "results": self.results,
            "invocations": [{
                "executionSuccessful": not summary.errors,
                "toolExecutionNotifications": [{"level": level, "message": {"text": text}}
                                               for level, texts in (("error", summary.errors),
                                                                    ("warning", summary.warnings))
                                               for text in texts],
            }],
        }
        log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
        write_json(self.out, log)
        self.out.write("\n")
