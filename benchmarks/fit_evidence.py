"""Fit the weights of an `evidence` rule's cues by logistic regression, with no
dependency beyond postlint itself.

    python benchmarks/fit_evidence.py RULE --labelled SET.yaml [...] [--negatives CORPUS.jsonl ...]
        [--holdout SET.yaml ...] [--write PACK.yaml | --write-to COPY.yaml]

RULE is a rule id (`conduct.staff-grievance-evidence`). Each post becomes a vector of
0/1 indicators, one per cue, read by the rule itself (`Evidence.units`: the cues that
count in the post, or for a sentence-scope rule in its best-scoring sentence). Posts
of the labelled sets whose `expect` names the rule's pack are positives, their clean
posts (`expect: []`) negatives, and every post of a `--negatives` file (JSON Lines
with `text`, such as the health-news corpus or public chatter) a negative too. Each
source weighs the same in total, so a large corpus does not drown the labelled posts.
A post without one of the rule's `requires` cues scores 0. Every weight keeps the sign it has in the pack (evidence stays evidence and
counter-evidence stays counter-evidence), with an L2 penalty.

The threshold is then chosen on the training posts: the lowest score at which at most
`--max-fp` of each negative source is flagged, and the weights are scaled so that the
threshold is the pack's and rounded to 0.1. It prints the weights, the rule's recall
and false positives on its own (not the whole pack's) on the training sets and on each
`--holdout` set. `--write` puts the weights into the pack file in place (only the
`weight:` lines of that rule's cues change); `--write-to` writes a changed copy, for
cross-validation with `pack_rates.py --packs COPY.yaml --labelled HELDOUT.yaml`.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

import yaml

from postlint.context import PostContext
from postlint.linter import Linter, tokenizable
from postlint.model import Post
from postlint.packs import load_packs


def _texts_labelled(path: Path, pack: str) -> tuple[list[str], list[str]]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    pos = [e["text"] for e in entries if pack in e["expect"]]
    neg = [e["text"] for e in entries if not e["expect"]]
    return pos, neg


def _texts_jsonl(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


class Features:
    """The rule's cue indicators for a post, through postlint's own context."""

    def __init__(self, pack_path: Path | None, rule_id: str) -> None:
        packs = load_packs([pack_path] if pack_path else [])
        self.pack, _ = rule_id.split(".", 1)
        rule = next(r for p in packs for r in p.rules if r.id == rule_id)
        self.kind = rule.kind
        self.names = list(self.kind.cues)
        self.linter = Linter([rule])

    def units(self, text: str) -> list[list[float]]:
        doc = self.linter.nlp(tokenizable(text))
        ctx = PostContext(Post(text=text, path="-"), doc, self.linter.compiler)
        out = []
        for _, _, counted in self.kind.units(ctx, prune=False):
            got = {name for name, _, _ in counted}
            needed = not self.kind.requires or got & self.kind.requires
            if needed and any(inside and self.kind.weight[name] > 0 for name, _, inside in counted):
                out.append([1.0 if n in got else 0.0 for n in self.names])
        return out or [[0.0] * len(self.names)]


def _score(w: list[float], x: list[float]) -> float:
    return sum(a * b for a, b in zip(w, x))


def _best(w: list[float], units: list[list[float]]) -> list[float]:
    return max(units, key=lambda x: _score(w, x))


def fit(xs: list[list[float]], ys: list[int], sw: list[float], signs: list[float], start: list[float],
        l2: float, steps: int = 3000, rate: float = 0.5) -> tuple[list[float], float]:
    """Weighted logistic regression by gradient descent, each weight kept to its sign.
    Posts with the same indicators and label are merged (there are few distinct ones)."""
    merged: dict[tuple[tuple[float, ...], int], float] = {}
    for x, y, s in zip(xs, ys, sw):
        merged[(tuple(x), y)] = merged.get((tuple(x), y), 0.0) + s
    xs = [list(k[0]) for k in merged]
    ys = [k[1] for k in merged]
    sw = list(merged.values())
    w, b = list(start), -1.0
    total = sum(sw)
    for _ in range(steps):
        gw, gb = [l2 * v for v in w], 0.0
        for x, y, s in zip(xs, ys, sw):
            z = _score(w, x) + b
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g = (p - y) * s / total
            gb += g
            for i, v in enumerate(x):
                if v:
                    gw[i] += g * v
        w = [max(0.0, v - rate * g) if sg > 0 else min(0.0, v - rate * g) for v, g, sg in zip(w, gw, signs)]
        b -= rate * gb
    return w, b


def write_weights(pack_text: str, rule_short: str, weights: dict[str, float], threshold: float) -> str:
    """The pack text with the rule's cue weights (and threshold) replaced, nothing else touched."""
    lines = pack_text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if re.match(rf"\s*- id: {re.escape(rule_short)}\s*$", line))
    indent = len(lines[start]) - len(lines[start].lstrip())
    cue = None
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if re.match(rf"\s{{0,{indent}}}- id: ", line):
            break
        m = re.match(r"(\s+)threshold:\s*\S+", line)
        if m and len(m.group(1)) == indent + 2:
            lines[i] = f"{m.group(1)}threshold: {threshold:g}\n"
        m = re.match(r"(\s+)(\w+):\s*$", line)
        if m and m.group(2) in weights:
            cue = m.group(2)
        m = re.match(r"(\s+)weight:\s*\S+", line)
        if m and cue is not None:
            lines[i] = f"{m.group(1)}weight: {weights[cue]:g}\n"
            cue = None
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rule")
    ap.add_argument("--pack", type=Path, help="the pack file holding the rule (default: the built-in one)")
    ap.add_argument("--labelled", type=Path, action="append", default=[], required=True)
    ap.add_argument("--negatives", type=Path, action="append", default=[])
    ap.add_argument("--holdout", type=Path, action="append", default=[])
    ap.add_argument("--max-fp", type=float, default=0.01,
                    help="largest share of the labelled clean posts, and of each --negatives file, flagged")
    ap.add_argument("--max-fp-labelled", type=float, help="the same for the labelled clean posts (default --max-fp)")
    ap.add_argument("--positive-weight", type=float, default=1.0,
                    help="how much the positives weigh against each negative source (default 1)")
    ap.add_argument("--steps", type=int, default=6000, help="gradient descent steps")
    ap.add_argument("--l2", type=float, default=0.003)
    ap.add_argument("--write", action="store_true", help="write the weights into --pack")
    ap.add_argument("--write-to", type=Path, help="write a copy of --pack with the weights")
    args = ap.parse_args(argv)

    feats = Features(args.pack, args.rule)
    names, kind = feats.names, feats.kind
    start = [kind.weight[n] for n in names]
    signs = [1.0 if v > 0 else -1.0 for v in start]
    threshold = float(kind.params["threshold"])

    sources: list[tuple[str, int, list[list[list[float]]]]] = []
    positives, clean = [], []
    for path in args.labelled:
        pos, neg = _texts_labelled(path, feats.pack)
        positives += pos
        clean += neg
    sources.append(("positives", 1, [feats.units(t) for t in positives]))
    sources.append(("labelled clean", 0, [feats.units(t) for t in clean]))
    for path in args.negatives:
        sources.append((path.name, 0, [feats.units(t) for t in _texts_jsonl(path)]))

    # start from the same small weights whatever the pack holds (only their signs are read),
    # so that a fit does not inherit what an earlier fit learned from other sets
    w = [s * 0.5 for s in signs]
    b = -2.0
    for _ in range(3):  # for a sentence-scope rule, each post is its best sentence under the current weights
        xs, ys, sw = [], [], []
        for _, y, posts in sources:
            for units in posts:
                xs.append(_best(w, units))
                ys.append(y)
                sw.append((args.positive_weight if y else 1.0) / len(posts))
        w, b = fit(xs, ys, sw, signs, w, args.l2, steps=args.steps)
        if kind.params["scope"] == "post":
            break

    # the threshold: the lowest score at which each negative source stays within --max-fp
    cut = -b
    for name, y, posts in sources:
        if y == 0 and posts:
            scores = sorted((max(_score(w, x) for x in units) for units in posts), reverse=True)
            share = args.max_fp_labelled if name == "labelled clean" and args.max_fp_labelled else args.max_fp
            allowed = int(share * len(scores))
            need = scores[allowed] + 1e-6 if allowed < len(scores) else cut
            print(f"  {name}: a threshold of at least {need:.2f} on the logistic scale (bias {-b:.2f})")
            cut = max(cut, need)
    scale = threshold / cut if cut > 0 else 1.0
    weights = {n: round(v * scale, 1) for n, v in zip(names, w)}
    weights = {n: (v if v != 0 else (0.1 if s > 0 else -0.1)) for (n, v), s in zip(weights.items(), signs)}
    rw = [weights[n] for n in names]

    def rate(posts: list[list[list[float]]]) -> tuple[int, int]:
        return sum(round(max(_score(rw, x) for x in units), 6) >= threshold for units in posts), len(posts)

    print(f"{args.rule}: threshold {threshold:g}")
    for n in names:
        print(f"  {n:<20} {weights[n]:>6g}   (was {kind.weight[n]:g})")
    print("the rule alone, with these weights:")
    for name, y, posts in sources:
        hit, total = rate(posts)
        print(f"  {'recall' if y else 'flagged'} on {name}: {hit}/{total} = {hit / max(total, 1):.1%}")
    for path in args.holdout:
        pos, neg = _texts_labelled(path, feats.pack)
        for label, texts in (("recall", pos), ("flagged clean", neg)):
            hit, total = rate([feats.units(t) for t in texts])
            print(f"  held out {path.name}: {label} {hit}/{total} = {hit / max(total, 1):.1%}")

    if args.write or args.write_to:
        pack_path = args.pack
        if pack_path is None:
            pack_path = Path(__file__).resolve().parents[1] / "rules" / f"{feats.pack}.yaml"
        text = write_weights(pack_path.read_text(encoding="utf-8"), args.rule.split(".", 1)[1], weights, threshold)
        (args.write_to or pack_path).write_text(text, encoding="utf-8")
        print(f"wrote {args.write_to or pack_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
