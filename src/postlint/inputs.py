"""The command line's paths as Posts under the config: folders walked with its
include and exclude globs, each file read with its reader options, then the
default platform and the per-file ignores stamped on each post.

A run's files are listed up front (names, sizes and per-file ignores only, so
a config glob too slow to match fails the run before any report is written),
then read one at a time as the linter draws posts: only the file being linted
is held in memory, never all of them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .config import Config
from .errors import PostlintError
from .model import Post
from .sources import READERS, expand_path, read_path, read_stdin

# For guessing a run's size before reading it (to choose processes and size the progress
# bar): a file of these types holds many posts, about one per this many bytes; any other
# file (text, Markdown, stdin) holds one.
MANY_POSTS_SUFFIXES = frozenset(s for s in READERS if s not in (".txt", ".md", ".markdown"))
BYTES_PER_POST = 256


@dataclass(frozen=True)
class File:
    """One file to read: its path (None for stdin), the name findings show, its size in
    bytes (0 when unknown) and the rule ids `per_file_ignores` switches off in it."""

    path: Path | None
    name: str
    size: int = 0
    ignores: tuple[str, ...] = ()

    def estimate(self) -> int:
        """Posts this file probably holds, before reading it."""
        if self.path is not None and self.path.suffix.lower() in MANY_POSTS_SUFFIXES:
            return max(1, self.size // BYTES_PER_POST) if self.size else 1
        return 1


@dataclass
class Inputs:
    """The run's files, listed up front, read lazily by `stream()`.

    `items` holds each File and, in its place among them, the error of an argument that
    could not be expanded. `files`, `errors` and `read` grow as the posts are drawn:
    the files read, every error so far (in command-line order) and the posts read."""

    config: Config
    items: list[File | str] = field(default_factory=list)
    files: int = 0
    errors: list[str] = field(default_factory=list)
    read: int = 0
    _unread: int = 0  # estimated posts in the files not read yet

    def estimate(self) -> int:
        """Posts in the run: exact for the files read so far, a guess for the rest."""
        return self.read + self._unread

    def stream(self, on_error: Callable[[str], None] | None = None,
              on_read: Callable[[int], None] | None = None) -> Iterator[Post]:
        """Every post of every file, in order, each file read only when its first post is
        drawn. A file that cannot be read is passed to `on_error` (and kept in `errors`)
        and the rest go on; `on_read(estimate)` is called after each file is read."""
        options = self.config.read_options()
        for item in self.items:
            if isinstance(item, str):
                self._error(item, on_error)
                continue
            self._unread -= item.estimate()
            try:
                posts = read_stdin() if item.path is None else read_path(item.path, item.name, options)
            except PostlintError as exc:
                self._error(str(exc), on_error)
                posts = None
            else:
                self.files += 1
                self.read += len(posts)
            if on_read:
                on_read(self.estimate())
            for p in posts or ():
                yield _stamped(p, item.ignores, self.config.platform)
            del posts  # before the next file is read

    def _error(self, message: str, on_error: Callable[[str], None] | None) -> None:
        self.errors.append(message)
        if on_error:
            on_error(message)


def expand(arg: str, config: Config) -> list[tuple[Path | None, str]]:
    """The files one command-line argument names, under the config's include and exclude."""
    return expand_path(arg, config.globs(config.include), config.globs(config.exclude))


def plan(paths: Iterable[str], config: Config) -> Inputs:
    """The run's files, not yet read. An argument that cannot be expanded (a folder with
    nothing to lint, a glob too slow) becomes an error in its place; a per-file-ignores
    glob too slow to match raises, as it always has."""
    found = Inputs(config)
    for arg in paths:
        try:
            files = expand(arg, config)
        except PostlintError as exc:
            found.items.append(str(exc))
            continue
        for path, name in files:
            ignores = config.ignores_for(path) if path is not None and config.per_file_ignores else ()
            item = File(path, name, _size(path), ignores)
            found.items.append(item)
            found._unread += item.estimate()
    return found


def collect(paths: Iterable[str], config: Config) -> list[Post]:
    """Every post to lint, read at once (for tests and small tools; `check` streams them)."""
    return list(plan(paths, config).stream())


def _size(path: Path | None) -> int:
    try:
        return os.stat(path).st_size if path is not None else 0
    except (OSError, ValueError):
        return 0  # the read reports it


def stamp(post: Post, path: Path | None, config: Config) -> Post:
    """The post with the config's default platform and the file's per-file ignores."""
    extra = config.ignores_for(path) if path is not None and config.per_file_ignores else ()
    return _stamped(post, extra, config.platform)


def _stamped(post: Post, ignores: tuple[str, ...], platform: str | None) -> Post:
    if not ignores and (post.platform or not platform):
        return post
    return post.changed(platform=post.platform or platform,
                        ignore=post.ignore + tuple(i for i in ignores if i not in post.ignore))
