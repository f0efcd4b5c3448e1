"""A disk cache of checked rule packs. Reading and checking the built-in packs
(YAML, then compiling and analysing hundreds of patterns) takes longer than
linting a draft, and a pre-commit hook does it on every commit; a cached pack
loads in milliseconds.

An entry is found by a hash of the pack's text and name and of postlint
itself: its version, the Python and library versions, and the size and
modification time of every file of the installed package. Editing a pack, its
name, postlint's code or data, or upgrading anything gives a new key, so an
entry is never stale. A pack with a mistake is never cached (its error is
reported as usual). The cache lives in $POSTLINT_CACHE_DIR, else
$XDG_CACHE_HOME/postlint or ~/.cache/postlint; POSTLINT_NO_CACHE=1 turns it
off. Failing to read or write it is never an error: the pack is then read as
if there were no cache."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
# Bump when the layout of cached objects changes in a way the code fingerprint cannot see.
FORMAT = 1


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
    """What the cached objects depend on besides the pack: postlint's files and versions."""
    import regex
    import yaml

    from . import __version__

    root = Path(__file__).resolve().parent
    parts = [str(FORMAT), __version__, sys.version, regex.__version__, yaml.__version__]
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            st = path.stat()
            parts.append(f"{path.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cached(kind: str, name: str, text: str, build: Callable[[], T]) -> T:
    """`build()`, or the object it built before for the same `name`, `text` and postlint.
    Only the newest entry per name is kept, so the cache does not grow with each edit."""
    folder = cache_dir()
    if folder is None:
        return build()
    stem = f"{kind}-{_digest(name)[:16]}-"
    path = folder / f"{stem}{_digest(fingerprint(), name, text)}.pickle"
    try:
        if _trusted(path):
            return pickle.loads(path.read_bytes())
    except Exception:  # missing, unreadable, truncated or from another version: build it again
        pass
    value = build()
    _store(folder, stem, path, value)
    return value


def _trusted(path: Path) -> bool:
    """Only an entry this user wrote, that nobody else can change, is unpickled:
    a cache entry is code-equivalent, so it must be as private as the user's own files."""
    st = path.stat()
    owner_ok = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    return owner_ok and not st.st_mode & 0o022


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _store(folder: Path, stem: str, path: Path, value: object) -> None:
    """Write an entry atomically (a temporary file renamed into place), replacing older
    entries for the same name; any failure just leaves the cache as it was."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # something in it cannot be pickled: no entry
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{stem}", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        with suppress(OSError):
            os.unlink(tmp)
        return
    for old in folder.glob(f"{stem}*.pickle"):
        if old != path:
            with suppress(OSError):
                old.unlink()
