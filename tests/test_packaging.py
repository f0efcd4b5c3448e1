"""The built-in packs ship inside the wheel and are found from anywhere."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (found,) = out.glob("postlint-*.whl")
    return found


@pytest.mark.slow
def test_wheel_contains_every_builtin_pack(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for pack in (ROOT / "rules").glob("*.yaml"):
        assert f"postlint/builtin_rules/{pack.name}" in names


@pytest.mark.slow
def test_packs_found_from_the_wheel_outside_the_repo(wheel, tmp_path):
    code = ("import json, postlint; from postlint.packs import load_packs; "
            "print(json.dumps([postlint.__file__, sorted(p.id for p in load_packs())]))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(wheel), "PATH": "/usr/bin:/bin"}, check=True)
    module, ids = json.loads(proc.stdout)
    assert module.startswith(str(wheel))
    expected = sorted(p.stem for p in (ROOT / "rules").glob("*.yaml"))
    assert ids == expected
