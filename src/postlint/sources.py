"""Turns paths and stdin into Posts. Each reader knows one file type; every
Post keeps enough to map its offsets back to the file's lines and columns."""

from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from .errors import InputError
from .globs import Globs
from .model import LineIndex, Post
from .readers.fields import ReadOptions
from .readers.markdown import read_markdown
from .readers.records import read_json, read_jsonl, read_yaml
from .readers.tabular import read_csv

STDIN = "-"
STDIN_NAME = "<stdin>"
# Scheduled-post files are small; a bigger one is a mistake (a log, a dump, /dev/zero).
MAX_FILE_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class Decoded:
    """A file's text and how it was stored, so a fix can write it back the same way.
    `encoding` is utf-8, utf-16-le or utf-16-be; `bom` says whether the file starts with one."""

    text: str
    encoding: str
    bom: bool

    def encode(self, text: str) -> bytes:
        """`text` as bytes stored the way this file was: same encoding, byte order and BOM."""
        body = text.encode(self.encoding)
        if not self.bom:
            return body
        return ("\ufeff".encode(self.encoding)) + body


def decode(data: bytes, name: str) -> Decoded:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused with where it fails."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        try:
            return Decoded(data[2:].decode(encoding), encoding, True)
        except UnicodeDecodeError as exc:
            line = data[2:2 + exc.start].decode(encoding, "replace").count("\n") + 1
            raise InputError(f"{name}:{line}: not valid UTF-16 (byte {exc.start + 2}: {exc.reason}); "
                             "save the file as UTF-8") from None
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[3:] if bom else data
    if b"\x00" in body[:8192]:
        raise InputError(f"{name}: looks like a binary file (contains NUL bytes); postlint reads UTF-8 text")
    try:
        return Decoded(body.decode("utf-8"), "utf-8", bom)
    except UnicodeDecodeError as exc:
        before = body[:exc.start].decode("utf-8")  # valid up to the bad byte
        line, column = LineIndex.of(before).position(len(before))
        raise InputError(f"{name}:{line}:{column}: not valid UTF-8 (byte 0x{body[exc.start]:02x}); "
                         "save the file as UTF-8") from None


def _read_capped(stream: BinaryIO, name: str) -> bytes:
    """All of a file or stream, refusing one larger than MAX_FILE_BYTES (or endless, like /dev/zero)."""
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{name}: larger than {MAX_FILE_BYTES >> 20} MB, too large to be a file of posts; not read")
    return data


def read_bytes(path: Path, name: str) -> bytes:
    try:
        with open(path, "rb") as stream:
            return _read_capped(stream, name)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None


def plain_posts(decoded: Decoded, name: str, options: ReadOptions = ReadOptions()) -> list[Post]:
    """A text file is one post; an empty or blank file holds no post."""
    text = decoded.text
    if not text.strip():
        return []
    return [Post(text=text, path=name, lines=LineIndex.of(text))]


class Reader(Protocol):
    """Turns one decoded file into its posts; `options` come from the config."""

    def __call__(self, decoded: Decoded, name: str, options: ReadOptions = ...) -> list[Post]: ...


# File suffix → reader; a folder walk picks up exactly these suffixes.
READERS: dict[str, Reader] = {
    ".txt": plain_posts,
    ".md": read_markdown, ".markdown": read_markdown,
    ".csv": read_csv,
    ".json": read_json, ".jsonl": read_jsonl,
    ".yaml": read_yaml, ".yml": read_yaml,
}
DEFAULT_READER: Reader = plain_posts


def reader_for(path: Path) -> Reader:
    return READERS.get(path.suffix.lower(), DEFAULT_READER)


def read_path(path: Path, name: str, options: ReadOptions = ReadOptions()) -> list[Post]:
    """All posts in one file."""
    return reader_for(path)(decode(read_bytes(path, name), name), name, options)


def read_stdin() -> list[Post]:
    try:
        data = _read_capped(sys.stdin.buffer, STDIN_NAME)
    except OSError as exc:  # read as the run goes, where an OSError would pass for a failed write
        raise InputError(f"{STDIN_NAME}: cannot read: {exc.strerror or exc}") from None
    return plain_posts(decode(data, STDIN_NAME), STDIN_NAME)


def expand_path(arg: str, include: Globs | None = None, exclude: Globs | None = None) -> list[tuple[Path | None, str]]:
    """One argument as (path, display name) pairs: stdin is (None, "<stdin>"),
    a folder is walked for supported files in sorted order, skipping hidden
    ones and, when given, keeping only files matching `include`. `exclude`
    drops files everywhere, also ones named on the command line, so a
    pre-commit hook skips them too."""
    if arg == STDIN:
        return [(None, STDIN_NAME)]
    path = Path(arg)
    if not path.is_dir():
        return [] if exclude and exclude.matches(path) else [(path, arg)]
    found: list[tuple[Path | None, str]] = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            p = Path(root, f)
            if f.startswith(".") or p.suffix.lower() not in READERS:
                continue
            if (include and not include.matches(p)) or (exclude and exclude.matches(p)):
                continue
            found.append((p, str(p)))
    if not found:
        raise InputError(f"{arg}: no files to lint in this folder (looked for {', '.join(sorted(READERS))}"
                         + (", not excluded by the config)" if include or exclude else ")"))
    return found
