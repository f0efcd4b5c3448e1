"""Compiled regular expressions kept on disk between runs. The `regex` module
parses a pattern in Python, which takes milliseconds (the longest pack patterns
take 5-17 ms); a small draft opens a few dozen patterns and a run of real posts
a few hundred, in each worker process. A compiled pattern pickles as the
module's own compiled form and loads in a fraction of a millisecond, so each
pattern compiled in a run is kept, with the pack cache (postlint.cache), and
loaded instead of parsed the next time.

The file is found by the same fingerprint as pack entries (postlint's files,
the Python and `regex` versions), so a pattern is never loaded by another
version of `regex`; a changed pack just adds the patterns it now has (the
file starts afresh past MAX_ENTRIES). It is read only when this user wrote it
and nobody else can change it, and through an unpickler that makes nothing
but `regex` patterns: a pickle names the functions it calls, and any name but
the `regex` module's own is refused, so a changed file cannot run code. A
missing, stale, unreadable or refused file is never an error: patterns are
then compiled as usual. Worker processes hand the patterns they compile back
with their results (`taken`), so the file is written once, by the process
that started the run (`save`)."""

from __future__ import annotations

import io
import pickle
from contextlib import suppress
from pathlib import Path
from typing import Any

import regex

from .cache import _digest, _trusted, cache_dir, fingerprint, replace_entry

# Past this many patterns the file keeps only those the last run used.
MAX_ENTRIES = 4000
# The one function a stored pattern may call: the `regex` module's constructor of its
# compiled patterns, as the module itself pickles them.
_ALLOWED = ("regex._regex", "compile")

Key = tuple[str, int]

_path: Path | None = None  # the file the entries below came from
_stored: dict[Key, bytes] = {}  # read from the file
_made: dict[Key, bytes] = {}  # compiled in this process (or handed back by its workers), not yet saved
_used: set[Key] = set()
_handed: set[Key] = set()  # made here and already given to the parent by `taken`


class _Patterns(pickle.Unpickler):
    """Unpickles a stored pattern: refuses every global but `_ALLOWED`."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed")


class _Plain(pickle.Unpickler):
    """Unpickles the file's table (strings, numbers, bytes): refuses every global."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed")


def _file() -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"patterns-{_digest(fingerprint())[:32]}.pickle"


def _entries() -> dict[Key, bytes] | None:
    """The stored patterns of the current cache file (read once), or None when caching is off."""
    global _path, _stored
    path = _file()
    if path is None:
        return None
    if path != _path:
        _path, _stored = path, {}
        _made.clear()
        _used.clear()
        _handed.clear()
        with suppress(Exception):  # missing, unreadable, truncated or refused: start afresh
            if _trusted(path):
                table = _Plain(io.BytesIO(path.read_bytes())).load()
                if isinstance(table, dict):
                    _stored = {k: v for k, v in table.items() if _is_key(k) and isinstance(v, bytes)}
    return _stored


def _is_key(key: Any) -> bool:
    return isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str) and isinstance(key[1], int)


def compiled(pattern: str, flags: int = 0) -> Any:
    """`regex.compile(pattern, flags)`, loaded from the cache when it holds it."""
    stored = _entries()
    if stored is None:
        return regex.compile(pattern, flags)
    key = (pattern, int(flags))
    data = stored.get(key) or _made.get(key)
    if data is not None:
        with suppress(Exception):
            out = _Patterns(io.BytesIO(data)).load()
            if isinstance(out, regex.Pattern) and out.pattern == pattern:
                _used.add(key)
                return out
    out = regex.compile(pattern, flags)
    with suppress(Exception):
        _made[key] = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
        _used.add(key)
    return out


def taken() -> dict[Key, bytes]:
    """In a worker: the patterns compiled here since the last call, for the parent to save."""
    out = {k: v for k, v in _made.items() if k not in _handed}
    _handed.update(out)
    return out


def add(entries: dict[Key, bytes]) -> None:
    """In the parent: patterns a worker compiled, to save with this process's own."""
    if entries and _entries() is not None:
        _made.update(entries)
        _used.update(entries)


def save() -> None:
    """Write the file with this run's new patterns, atomically; any failure leaves it as it was."""
    global _stored
    stored = _entries()
    path = _path
    if stored is None or path is None or not any(k not in stored for k in _made):
        return
    table = {**stored, **_made}
    if len(table) > MAX_ENTRIES:
        table = {k: v for k, v in table.items() if k in _used}
    if replace_entry(path, pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL), "patterns-*.pickle"):
        _stored = table
        _made.clear()
        _handed.clear()
