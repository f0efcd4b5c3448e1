"""A disk cache of checked rule packs. Reading and checking the built-in packs
(YAML, then compiling and analysing hundreds of patterns) takes longer than
linting a draft, and a pre-commit hook does it on every commit. An entry holds
a pack's parsed YAML (with line numbers) and its patterns' prefilters, as JSON:
a cached pack skips the YAML parser and the pattern analysis, and since it was
checked before, its patterns are compiled only when used (postlint.lazyregex).
Plain JSON, so an entry is data only, like the pack itself: nothing in it can run.

An entry is found by a hash of the pack's text and name and of postlint
itself: its version, the Python and library versions, and the size and
modification time of every file of the installed package. Editing a pack, its
name, postlint's code or data, or upgrading anything gives a new key, so an
entry is never stale; only the newest entry per pack name is kept. A pack with
a mistake is never cached (its error is reported as usual). The cache lives in
$POSTLINT_CACHE_DIR, else $XDG_CACHE_HOME/postlint or ~/.cache/postlint;
POSTLINT_NO_CACHE=1 turns it off. Failing to read or write it is never an
error: the pack is then read as if there were no cache. Compiled patterns are
kept in the same folder, by the same fingerprint (postlint.patterncache)."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import Any

# Bump when the layout of an entry changes in a way the code fingerprint cannot see.
FORMAT = 4


def cache_dir() -> Path | None:
    """Where entries go, or None when caching is off."""
    if os.environ.get("POSTLINT_NO_CACHE"):
        return None
    if os.environ.get("POSTLINT_CACHE_DIR"):
        return Path(os.environ["POSTLINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "postlint"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """What an entry depends on besides the pack: postlint's files and versions."""
    import regex
    import yaml

    from . import __version__

    root = Path(__file__).resolve().parent
    parts = [str(FORMAT), __version__, sys.version, regex.__version__, yaml.__version__]
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            st = path.stat()
            parts.append(f"{path.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}")
    return _digest(*parts)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _paths(kind: str, name: str, text: str) -> tuple[Path, str] | None:
    folder = cache_dir()
    if folder is None:
        return None
    stem = f"{kind}-{_digest(name)[:16]}-"
    return folder / f"{stem}{_digest(fingerprint(), name, text)}.json", stem


def load(kind: str, name: str, text: str) -> Any:
    """The entry stored for this `name`, `text` and postlint, or None."""
    where = _paths(kind, name, text)
    if where is None:
        return None
    try:
        if _trusted(where[0]):
            return json.loads(where[0].read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, unreadable or truncated
        pass
    return None


def _trusted(path: Path) -> bool:
    """Only an entry this user wrote, that nobody else can change, is used: a cached pack
    is not checked again, so the entry must be as private as the user's own files."""
    st = path.stat()
    owner_ok = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    return owner_ok and not st.st_mode & 0o022


def store(kind: str, name: str, text: str, value: Any) -> None:
    """Write an entry atomically (a temporary file renamed into place), replacing older
    entries for the same name; any failure just leaves the cache as it was."""
    where = _paths(kind, name, text)
    if where is None:
        return
    path, stem = where
    try:
        data = json.dumps(value, ensure_ascii=True)
    except (TypeError, ValueError):  # something in it is not plain data: no entry
        return
    replace_entry(path, data.encode("ascii"), f"{stem}*.json")


def replace_entry(path: Path, data: bytes, others: str) -> bool:
    """Write a cache file atomically (a temporary file, private to this user, renamed into
    place), then remove the folder's other files matching the glob `others`; False, with
    the cache left as it was, when anything fails."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        f = tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name[:24]}", suffix=".tmp",
                                        delete=False)
    except OSError:
        return False
    try:
        with f:
            f.write(data)
        os.replace(f.name, path)
    except OSError:
        with suppress(OSError):
            os.unlink(f.name)
        return False
    for old in path.parent.glob(others):
        if old != path:
            with suppress(OSError):
                old.unlink()
    return True
