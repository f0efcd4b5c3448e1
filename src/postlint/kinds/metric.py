"""Numbers compared with a limit: words per sentence, reading age and the like.
The measures themselves live in postlint.metrics."""

from __future__ import annotations

from typing import Any, Callable, Iterator

from ..metrics import METRICS, prose_word_count
from ..model import Hit
from .base import Field, Kind, SpecError


def _metric(value: Any) -> str | None:
    return None if value in METRICS else f"unknown metric {value!r}; known: {', '.join(sorted(METRICS))}"


class Metric(Kind):
    name = "metric"
    summary = "flags where a measure (words per sentence, reading age ...) is over or under a limit"
    fields = (
        Field("metric", (str,), required=True, check=_metric),
        Field("max", (float,), doc="flag values above this"),
        Field("min", (float,), doc="flag values below this"),
        Field("min_words", (int,), default=0, doc="only measure posts with at least this many words"),
    )
    placeholders = frozenset({"match", "value", "max", "min", "over", "under"})

    def setup(self, line_of: Callable[[str], int]) -> None:
        if self.params["max"] is None and self.params["min"] is None:
            raise SpecError("max", "a metric rule needs max or min", line_of("metric"))
        self.measure = METRICS[self.params["metric"]]

    def check(self, ctx: Any) -> Iterator[Hit]:
        p = self.params
        if p["min_words"] and prose_word_count(ctx) < p["min_words"]:
            return
        hi, lo = p["max"], p["min"]
        for start, end, value in self.measure(ctx):
            if (hi is not None and value > hi) or (lo is not None and value < lo):
                shown = int(value) if float(value).is_integer() else value
                yield Hit(start, end, {
                    "match": ctx.text[start:end], "value": shown,
                    "max": _num(hi), "min": _num(lo),
                    "over": _num(value - hi) if hi is not None else "", "under": _num(lo - value) if lo is not None else "",
                })


def _num(value: float | None) -> Any:
    if value is None:
        return ""
    value = round(value, 1)
    return int(value) if float(value).is_integer() else value
