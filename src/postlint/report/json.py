"""The stable JSON report (version 1): later versions may add keys, never
remove or rename them."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .. import __version__
from ..model import Finding, Post
from . import Reporter, Summary
from .spool import INDENT, STRING, Spool, dumps, safe, write_json

__all__ = ["JsonReporter", "dumps"]
JSON_VERSION = 1


class JsonReporter(Reporter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.findings = Spool(level=1)

    def post(self, post: Post, findings: list[Finding]) -> None:
        pad = self.findings.pad
        for f in findings:
            self.findings.add_encoded(finding_json(f, pad))

    def finish(self, summary: Summary) -> None:
        report: dict[str, Any] = {"version": JSON_VERSION, "postlint": __version__,
                                  "summary": summary.to_json(), "findings": self.findings}
        if summary.errors:
            report["errors"] = summary.errors
        if summary.warnings:
            report["warnings"] = summary.warnings
        write_json(self.out, report)
        self.out.write("\n")


@lru_cache(maxsize=4096)
def _repeated(value: str) -> str:
    """A string that recurs from finding to finding (rule, pack, severity, explanation,
    source, path), encoded once."""
    return safe(STRING(value))


_INT, _STR = {int}, {str}


def finding_json(f: Finding, pad: str) -> str:
    """`dumps(f.to_json(), pad)`, written field by field: a finding's keys and types are
    known, so the generic walk over its dict is not needed, and its repeated strings (an
    explanation is most of a finding) are encoded once. A finding holding other types
    (a test's, say) is left to `dumps`."""
    # (the types as sets: two set displays cost a fraction of a generator per field)
    if ({type(f.post), type(f.line), type(f.column), type(f.end_line), type(f.end_column),
         int if f.row is None else type(f.row)} != _INT
            or {type(f.path), type(f.rule), type(f.pack), type(f.message), type(f.explanation),
                type(f.source), type(f.match), *map(type, f.suggestions)} != _STR):
        return dumps(f.to_json(), pad)
    inner = pad + INDENT
    if f.suggestions:
        listed = ",\n".join(inner + INDENT + safe(STRING(s)) for s in f.suggestions)
        suggestions = f"[\n{listed}\n{inner}]"
    else:
        suggestions = "[]"
    row = "" if f.row is None else f',\n{inner}"row": {f.row}'
    return (f'{{\n{inner}"path": {_repeated(f.path)},\n{inner}"post": {f.post},\n{inner}"line": {f.line},\n'
            f'{inner}"column": {f.column},\n{inner}"end_line": {f.end_line},\n{inner}"end_column": {f.end_column},\n'
            f'{inner}"rule": {_repeated(f.rule)},\n{inner}"pack": {_repeated(f.pack)},\n'
            f'{inner}"severity": {_repeated(f.severity.label)},\n{inner}"message": {safe(STRING(f.message))},\n'
            f'{inner}"explanation": {_repeated(f.explanation)},\n{inner}"source": {_repeated(f.source)},\n'
            f'{inner}"match": {safe(STRING(f.match))},\n{inner}"suggestions": {suggestions}{row}\n{pad}}}')
