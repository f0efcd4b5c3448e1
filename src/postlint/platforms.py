"""The platforms postlint knows and their aliases (`twitter` is `x`), read
from data so another platform is a YAML change. No spaCy here."""

from __future__ import annotations

from functools import lru_cache

from .yamlio import shipped


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str]]:
    """(name or alias → canonical name, canonical name → title)."""
    data = shipped("platforms.yaml")["platforms"]
    names: dict[str, str] = {}
    titles: dict[str, str] = {}
    for name, info in data.items():
        titles[name] = info["title"]
        names[name] = name
        for alias in info.get("aliases") or []:
            names[alias] = name
    return names, titles


def platform_names() -> list[str]:
    """Canonical names, in the data file's order."""
    return list(_table()[1])


def canonical(name: str) -> str:
    """The canonical name for a platform or alias, any case; ValueError names the known ones."""
    key = name.strip().lower()
    names = _table()[0]
    if key not in names:
        raise ValueError(f"unknown platform {name!r} (known: {', '.join(platform_names())}; twitter means x)")
    return names[key]


def platform_key(name: str | None) -> str:
    """For matching a post to rules: the canonical name when known, else the name as given, lower-cased."""
    if not name:
        return ""
    return _table()[0].get(name.strip().lower(), name.strip().lower())


def title(name: str) -> str:
    return _table()[1].get(platform_key(name), name)
