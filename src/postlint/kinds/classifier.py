"""Posts recognised by a linear model trained on labelled posts, for what no list of
wordings covers: a grievance or a one-to-one care reply can be put in more ways than
cues can name, but its words still lean one way. The rule's `weights` give each
feature of `postlint.bag` (a word, a pair of neighbouring words) a weight; a post
whose `bias` plus the weights of the features it has reaches `threshold` is flagged.
The weights are data, written by `benchmarks/train_classifier.py` from labelled
posts, and the message's `{evidence}` names the words that weighed most, so the
reader sees why. The finding points at the sentence that weighs most."""

from __future__ import annotations

import math
from itertools import chain, repeat
from typing import Any, Callable, Iterable, Iterator

from ..bag import BIAS, LINK, features, post_features, words
from ..model import Hit
from .base import Field, Kind, is_number, positive


def _weights(value: Any) -> str | None:
    if not value:
        return "must give at least one feature a weight"
    for feature, weight in value.items():
        if not isinstance(feature, str) or not feature.strip():
            return f"expected words as keys, found {feature!r}"
        if not is_number(weight):
            return f"{feature!r}: expected a number, got {weight!r}"
    return None


def model_score(weights: dict[str, float], feats: Iterable[str], bias: float = 0.0) -> float:
    """Bias plus the weights of `feats`, as the rule and benchmarks/train_classifier.py
    both compute it: summed exactly and rounded, so that the order a set is walked in
    (which changes from run to run) cannot move a post that lies on the threshold across it."""
    return round(math.fsum(chain((bias,), map(weights.get, feats, repeat(0.0)))), 6)


def _in_millionths(weights: dict[str, float], bias: float) -> tuple[dict[str, int], int] | None:
    """The weights and bias as whole millionths, when each is one exactly (to the float);
    else None (also for a weight such as .inf, which model_score sums as it is)."""
    micro = {}
    for feature, weight in [*weights.items(), (BIAS, bias)]:
        scaled = weight * 1_000_000
        if not math.isfinite(scaled) or round(scaled) / 1_000_000 != weight:
            return None
        micro[feature] = round(scaled)
    return micro, micro.pop(BIAS)


def _features(ctx: Any) -> set[str]:
    """The post's features, worked out once a post for every classifier rule."""
    feats = ctx.extra.get("bag")
    if feats is None:
        feats = ctx.extra["bag"] = post_features(ctx.text)
    return feats


def _shown(feature: str) -> bool:
    """Whether a feature means something to a reader: words ("so done"), not "@", "<url>"
    or a pair with punctuation ("? will")."""
    return feature != LINK and all(any(c.isalpha() for c in word) for word in feature.split(" "))


class Classifier(Kind):
    name = "classifier"
    summary = "flags a post that a linear model over its words and word pairs scores at or above a threshold"
    fields = (
        Field("weights", (dict,), required=True, check=_weights,
              doc="feature (a lower-cased word or two neighbouring words, as postlint.bag reads a post) "
                  "-> weight; written by benchmarks/train_classifier.py"),
        Field("bias", (int, float), default=0.0, doc="the score of a post with none of the features"),
        Field("threshold", (int, float), required=True,
              doc="the score (bias plus the weights of the post's features) at which a post is flagged"),
        Field("evidence", (int,), default=3, check=positive,
              doc="how many of the heaviest words found the message's {evidence} names"),
    )
    placeholders = frozenset({"match", "evidence"})
    judges_post = True

    def setup(self, line_of: Callable[[str], int]) -> None:
        self.weights: dict[str, float] = {str(k): float(v) for k, v in self.params["weights"].items()}
        self.bias = float(self.params["bias"]) + self.weights.pop(BIAS, 0.0)
        self.known = frozenset(self.weights)
        self.micro = _in_millionths(self.weights, self.bias)

    def score(self, feats: set[str]) -> float:
        """The model's score for a post's features (`model_score`), from just the features
        the model has a weight for (a set intersection, in C). Weights of at most six
        decimals (as the trainer writes them) are summed as whole millionths, which is
        exact in any order and gives the same float as `model_score`, sooner."""
        if self.micro is not None:
            weights, bias = self.micro
            return (bias + sum(map(weights.__getitem__, feats & self.known))) / 1_000_000
        return model_score(self.weights, feats & self.known, self.bias)

    def check(self, ctx: Any) -> Iterator[Hit]:
        feats = _features(ctx)
        if self.score(feats) < self.params["threshold"]:
            return
        start, end = self._heaviest_sentence(ctx)
        heavy = sorted((f for f in feats if self.weights.get(f, 0.0) > 0 and _shown(f)),
                       key=lambda f: (-self.weights[f], -f.count(" "), f))
        shown: list[str] = []
        for f in heavy:  # "short staffed" and "staffed" are one piece of evidence
            if len(shown) < self.params["evidence"] and not any(set(f.split()) & set(g.split()) for g in shown):
                shown.append(f)
        evidence = ", ".join(f"'{f}'" for f in shown)
        yield Hit(start, end, {"match": ctx.text[start:end], "evidence": evidence})

    def _heaviest_sentence(self, ctx: Any) -> tuple[int, int]:
        """The sentence whose own features weigh most towards the finding (the first, on a tie)."""
        best, span = None, (0, len(ctx.text))
        for start, end in ctx.sentences:
            own = features(words(ctx.text[start:end])) - {BIAS}
            weight = sum(max(self.weights.get(f, 0.0), 0.0) for f in own)
            if best is None or weight > best:
                best, span = weight, (start, end)
        return span
