"""How each platform counts a post's length. Every counter splits the post
into units over the original text, (start, end, weight), so a rule can say
both how long the post is and where the limit falls.

X follows twitter-text v3 (config/v3.json): NFC first; every link, with or
without http://, weighs 23; each emoji sequence weighs 2; a code point in the
light ranges weighs 1 and any other 2. Bluesky counts grapheme clusters.
The others count UTF-16 code units, as the web apps' JavaScript does, so an
emoji outside the Basic Multilingual Plane counts 2 (the cautious reading)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Callable, Iterator

import regex

from .emojis import emoji_spans
from .yamlio import shipped

Unit = tuple[int, int, int]
Counter = Callable[[str], Iterator[Unit]]

X_URL_WEIGHT = 23
X_EMOJI_WEIGHT = 2
X_LIGHT = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
MAX_LABEL = 63


@lru_cache(maxsize=1)
def _generic_tlds() -> frozenset[str]:
    return frozenset(t.lower() for t in shipped("tlds.yaml")["generic"])


# A candidate link: optional scheme, dot-separated host labels, optional port,
# path and query. Whether it is a link is decided in `_is_link`.
_CANDIDATE = regex.compile(
    r"""
    (?<![\p{L}\p{N}@$#＃＠_.\-/])
    (?P<scheme>https?://)?
    (?P<host>(?:[\p{L}\p{N}_](?:[\p{L}\p{N}_\-]*[\p{L}\p{N}_])?\.)+(?P<tld>[\p{L}\p{N}\-]+))
    (?P<port>:\d{1,5})?
    (?P<rest>[/?\#][^\s]*)?
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
_TRAILING = ".,;:!?'\"’”)]}>…"


def _label_ok(label: str) -> bool:
    if label.isascii():
        return 0 < len(label) <= MAX_LABEL
    try:
        return len("xn--" + label.encode("punycode").decode("ascii")) <= MAX_LABEL
    except UnicodeError:
        return False


def _is_link(m: regex.Match) -> bool:
    """twitter-text's rules in short: a known top-level domain; labels of at most 63
    characters (punycode for non-ASCII); without a scheme the host must be ASCII,
    and a lone name before a country code ("nhs.uk") needs a path ("nhs.uk/flu")."""
    host, tld = m.group("host"), m.group("tld").lower()
    known = tld in _generic_tlds() or (len(tld) == 2 and tld.isascii() and tld.isalpha())
    if not known or not all(_label_ok(label) for label in host.split(".")):
        return False
    if m.group("scheme"):
        return True
    if not host.isascii() or "_" in host:
        return False
    labels = host.split(".")
    short_country = len(labels) == 2 and len(tld) == 2 and host.lower() != "t.co"
    return not short_country or bool(m.group("rest"))


def _strip_trailing(text: str, start: int, end: int) -> int:
    """Trailing punctuation is not part of a link; a closing bracket is, when it closes one in the link."""
    while end > start and text[end - 1] in _TRAILING:
        ch = text[end - 1]
        if ch == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


def x_links(text: str) -> list[tuple[int, int]]:
    """Spans X would shorten to a t.co link."""
    out = []
    for m in _CANDIDATE.finditer(text):
        if _is_link(m):
            start = m.start()
            end = _strip_trailing(text, start, m.end()) if m.group("rest") else m.end()
            out.append((start, end))
    return out


def _x_weight(cp: int) -> int:
    return 1 if any(lo <= cp <= hi for lo, hi in X_LIGHT) else 2


_CLUSTER = regex.compile(r"\X", regex.DOTALL)


def x_units(text: str) -> Iterator[Unit]:
    """twitter-text v3 weighted units. Links and emoji are found first; the rest is
    weighed cluster by cluster after NFC (normalising never crosses a cluster)."""
    marks = sorted([(s, e, X_URL_WEIGHT) for s, e in x_links(text)]
                   + [(s, e, X_EMOJI_WEIGHT) for s, e, _ in emoji_spans(text)])
    pos = 0
    for start, end, weight in marks:
        if start < pos:
            continue
        yield from _x_plain(text, pos, start)
        yield start, end, weight
        pos = end
    yield from _x_plain(text, pos, len(text))


def _x_plain(text: str, start: int, end: int) -> Iterator[Unit]:
    for m in _CLUSTER.finditer(text, start, end):
        cluster = m.group()
        yield m.start(), m.end(), sum(_x_weight(ord(c)) for c in unicodedata.normalize("NFC", cluster))


def utf16_units(text: str) -> Iterator[Unit]:
    for i, ch in enumerate(text):
        yield i, i + 1, 2 if ord(ch) > 0xFFFF else 1


def grapheme_units(text: str) -> Iterator[Unit]:
    for m in _CLUSTER.finditer(text):
        yield m.start(), m.end(), 1


def code_point_units(text: str) -> Iterator[Unit]:
    for i in range(len(text)):
        yield i, i + 1, 1


COUNTERS: dict[str, Counter] = {
    "x-weighted": x_units,
    "utf16": utf16_units,
    "graphemes": grapheme_units,
    "code-points": code_point_units,
}


def length(text: str, counting: str) -> int:
    """The length of `text` as the named counter counts it."""
    return sum(w for _, _, w in COUNTERS[counting](text))


def measure(text: str, counting: str, limit: int) -> tuple[int, int | None]:
    """(length, offset of the first unit past `limit`, or None when it fits)."""
    total = 0
    cut = None
    for start, _, weight in COUNTERS[counting](text):
        total += weight
        if cut is None and total > limit:
            cut = start
    return total, cut
