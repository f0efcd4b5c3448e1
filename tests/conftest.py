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
