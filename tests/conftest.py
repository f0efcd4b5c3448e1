from __future__ import annotations

import os

import pytest

os.environ.setdefault("NO_COLOR", "1")


@pytest.fixture(scope="session")
def builtin_packs():
    from postlint.packs import load_packs

    return load_packs()
