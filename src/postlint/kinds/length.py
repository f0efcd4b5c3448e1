"""Platform length limits, each counted the platform's way (see postlint.counting).
A rule can check the whole post or one part of it: YouTube takes the first
line as the video's title and the rest as its description."""

from __future__ import annotations

from typing import Any, Callable, Iterator

from ..context import run_around
from ..counting import COUNTERS, measure
from ..model import Hit
from .base import Field, Kind, one_of, positive, stripped_span

PARTS = ("whole", "first-line", "after-first-line")


def _counting(value: Any) -> str | None:
    return None if value in COUNTERS else f"unknown counting {value!r}; known: {', '.join(COUNTERS)}"



def part_span(text: str, part: str) -> tuple[int, int] | None:
    """The [start, end) of a part of the post, blank lines and edge spaces trimmed; None if empty."""
    stripped = text.strip()
    if not stripped:
        return None
    start = text.index(stripped)
    end = start + len(stripped)
    if part != "whole":
        breaks = [i for i in (text.find("\n", start, end), text.find("\r", start, end)) if i != -1]
        line_end = min(breaks) if breaks else end
        if part == "first-line":
            end = line_end
        else:
            start = line_end
    start, end = stripped_span(text, start, end)
    return (start, end) if start < end else None


class Length(Kind):
    name = "length"
    summary = "flags a post (or its first line, or the rest) longer than a platform allows, counted its way"
    fields = (
        Field("counting", (str,), required=True, check=_counting,
              doc="x-weighted (X's weighted length), utf16, graphemes or code-points"),
        Field("max", (int,), required=True, check=positive, doc="the most the platform allows"),
        Field("part", (str,), default="whole", check=one_of(PARTS),
              doc="whole, first-line (e.g. a YouTube title) or after-first-line (a YouTube description)"),
    )
    placeholders = frozenset({"match", "length", "max", "over"})

    def setup(self, line_of: Callable[[str], int]) -> None:
        self.counting = self.params["counting"]
        self.limit = self.params["max"]

    def check(self, ctx: Any) -> Iterator[Hit]:
        span = part_span(ctx.text, self.params["part"])
        if span is None:
            return
        start, end = span
        total, cut = measure(ctx.text[start:end], self.counting, self.limit)
        if cut is None:
            return
        # The span is what the platform would not take, from the start of the word that crosses
        # the limit: "…GP pract|ices" is underlined from "practices", the first word to go.
        at = start + cut
        if not ctx.text[at].isspace():  # (after white space, run_around gives `at` itself)
            at = run_around(ctx.text, at, at, start)[0]
        yield Hit(at, end, {"match": ctx.text[at:end], "length": f"{total:,}",
                            "max": f"{self.limit:,}", "over": f"{total - self.limit:,}"})
