from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

os.environ.setdefault("NO_COLOR", "1")
# The pack cache (postlint.cache) goes to a folder of the test session, never the user's.
_CACHE = tempfile.mkdtemp(prefix="postlint-cache-")
os.environ["POSTLINT_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def builtin_packs():
    from postlint.packs import load_packs

    return load_packs()


@pytest.fixture
def lint_one_rule(tmp_path):
    """Lint `text` with a one-rule pack of `kind` whose kind-specific keys are the
    YAML lines `fields`; returns the matched texts (or, with `report="message"`, the
    findings' messages, for a rule `message` with placeholders), to test a kind's options."""
    from postlint.linter import Linter
    from postlint.model import Post
    from postlint.packs import load_packs

    def lint(kind: str, fields: str, text: str, message: str = "'{match}'", report: str = "match") -> list[str]:
        body = "\n".join("    " + line for line in fields.strip("\n").splitlines())
        path = tmp_path / "one.yaml"
        path.write_text(f"""id: one
title: One rule
description: test
source: test
rules:
  - id: rule
    kind: {kind}
    severity: warning
    summary: test
    message: "{message}"
    explanation: test
    source: test
{body}
    examples: {{flag: [x], pass: [y]}}
""", encoding="utf-8")
        rules = next(p for p in load_packs([path]) if p.id == "one").rules
        _, findings = next(Linter(rules).lint([Post(text=text, path="t")]))
        return [getattr(f, report) for f in findings]

    return lint


@pytest.fixture
def pack_error(lint_one_rule):
    """The message of the pack error a one-rule pack of `kind` with the YAML lines
    `fields` raises, checked to name the file and line, to test a kind's validation."""
    from postlint.errors import PackError

    def error(kind: str, fields: str) -> str:
        with pytest.raises(PackError, match=r"one\.yaml:\d+: rule 'rule': ") as info:
            lint_one_rule(kind, fields, "text")
        return str(info.value)

    return error
