"""The command line's paths as Posts under the config: folders walked with its
include and exclude globs, each file read with its reader options, then the
default platform and the per-file ignores stamped on each post."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from .config import Config
from .errors import PostlintError
from .model import Post
from .sources import expand_path, read_path, read_stdin


@dataclass
class Inputs:
    posts: list[Post] = field(default_factory=list)
    files: int = 0
    errors: list[str] = field(default_factory=list)


def expand(arg: str, config: Config) -> list[tuple[Path | None, str]]:
    """The files one command-line argument names, under the config's include and exclude."""
    return expand_path(arg, config.globs(config.include), config.globs(config.exclude))


def collect(paths: Iterable[str], config: Config) -> Inputs:
    """Every post to lint; a file that cannot be read becomes an error message and the rest go on."""
    found = Inputs()
    options = config.read_options()
    for arg in paths:
        try:
            files = expand(arg, config)
        except PostlintError as exc:
            found.errors.append(str(exc))
            continue
        for path, name in files:
            try:
                posts = read_stdin() if path is None else read_path(path, name, options)
            except PostlintError as exc:
                found.errors.append(str(exc))
                continue
            found.files += 1
            found.posts.extend(stamp(p, path, config) for p in posts)
    return found


def stamp(post: Post, path: Path | None, config: Config) -> Post:
    """The post with the config's default platform and the file's per-file ignores."""
    extra = config.ignores_for(path) if path is not None and config.per_file_ignores else ()
    if not extra and (post.platform or not config.platform):
        return post
    return replace(post, platform=post.platform or config.platform,
                   ignore=post.ignore + tuple(i for i in extra if i not in post.ignore))
