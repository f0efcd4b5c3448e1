"""Train a `classifier` rule's weights: logistic regression over the words and word
pairs of posts (`postlint.bag`), with no dependency beyond postlint itself.

    python benchmarks/train_classifier.py RULE --labelled SET.yaml [...] [--negatives CORPUS.jsonl ...]
        [--cv] [--write]

RULE is a rule id (`conduct.grievance-model`). Posts of the labelled sets whose
`expect` names the rule's pack are positives, the others negatives; a set listed in
a `partial.yaml` beside it (set name -> the packs it is scored for) is used only for
the packs it lists. Each `--negatives` file (JSON Lines with `text`: real posts that
are not staff writing, such as the health-news corpus and public chatter) is split in
two by line: the even lines are negatives for training, weighing as much in total as
the labelled posts, and the odd lines set the threshold, the lowest score at which at
most `--max-fp` of each file's odd lines is flagged. Only features seen in a labelled
post get a weight, so the corpora shape the weights but no word of theirs is written
into the pack; the L1 penalty (`--l1`) keeps a feature at 0 unless enough posts speak
for it, so the model stays small (a few thousand weights).

`--cv` trains once per labelled set without it and prints the rule's recall and
false positives on the set left out (leave one set out), the figure to trust for
posts nobody has seen. `--write` puts the bias, threshold and weights into the pack
file in place: the rule must be the pack's last, with `weights:` its last key.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

import yaml

from pack_rates import CorpusError, read_posts  # beside this script
from postlint.bag import BIAS, post_features
from postlint.kinds.classifier import model_score as score


def labelled_sets(paths: list[Path], pack: str) -> dict[str, list[tuple[set[str], int, bool]]]:
    """Each labelled set's posts as (features, 1 if the pack should flag it, whether no
    pack should), leaving out sets that `partial.yaml` says are not scored for the pack;
    entries without `expect` (tests/data/clean-posts.yaml) are clean."""
    out = {}
    for path in paths:
        if pack not in _partial(path.parent).get(path.stem, [pack]):
            continue
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))  # a clean corpus's entries have no expect
        out[path.stem] = [(post_features(e["text"]), int(pack in e.get("expect", [])), not e.get("expect"))
                          for e in entries]
    return out


@lru_cache(maxsize=None)
def _partial(folder: Path) -> dict[str, list[str]]:
    """A folder's `partial.yaml` (set name -> the packs it is scored for), read once."""
    scopes = folder / "partial.yaml"
    return (yaml.safe_load(scopes.read_text(encoding="utf-8")) if scopes.exists() else None) or {}


def corpus(path: Path) -> tuple[list[set[str]], list[set[str]]]:
    """A JSON Lines file's posts (read as pack_rates.py reads a corpus), split into the
    training half and the threshold half."""
    feats = [post_features(post.text) for post in read_posts(path)]
    return feats[0::2], feats[1::2]


def train(posts: list[tuple[set[str], int, float]], l1: float, l2: float, epochs: int,
          alpha: float = 0.3, beta: float = 1.0) -> dict[str, float]:
    """Weighted logistic regression by FTRL-proximal (per-feature step sizes, and an L1
    penalty that leaves a feature at 0 until enough posts speak for it, so the model
    stays small), in a fixed order (seeded), so the same posts give the same weights."""
    z: dict[str, float] = {}
    n: dict[str, float] = {}

    def weight(f: str) -> float:
        zf = z.get(f, 0.0)
        if abs(zf) <= l1:
            return 0.0
        return -(zf - math.copysign(l1, zf)) / ((beta + math.sqrt(n.get(f, 0.0))) / alpha + l2)

    # each post's features in a fixed order: a set's order changes from run to run with
    # Python's string hashing, and so would the sums, and the weights
    fixed = [(sorted(feats), y, importance) for feats, y, importance in posts]
    order = list(range(len(fixed)))
    shuffle = random.Random(0).shuffle
    for _ in range(epochs):
        shuffle(order)
        for i in order:
            feats, y, importance = fixed[i]
            w = {f: weight(f) for f in feats}
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, sum(w.values())))))
            g = (p - y) * importance
            for f in feats:
                nf = n.get(f, 0.0)
                sigma = (math.sqrt(nf + g * g) - math.sqrt(nf)) / alpha
                z[f] = z.get(f, 0.0) + g - sigma * w[f]
                n[f] = nf + g * g
    return {f: weight(f) for f in z}


def fit(sets: dict[str, list[tuple[set[str], int, bool]]], corpora: list[tuple[list[set[str]], list[set[str]]]],
        args: argparse.Namespace) -> tuple[dict[str, float], float]:
    """The weights learnt from `sets` and the corpora's training halves, pruned, and the
    threshold their other halves allow."""
    known = {f for posts in sets.values() for feats, _, _ in posts for f in feats}
    labelled = [(feats & known, y, 1.0) for posts in sets.values() for feats, y, _ in posts]
    posts = list(labelled)
    for half, _ in corpora:
        posts += [(feats & known, 0, args.corpus_weight * len(labelled) / len(half) / len(corpora)) for feats in half]
    w = train(posts, args.l1, args.l2, args.epochs)
    w = {f: round(v, 3) for f, v in w.items() if round(v, 3)}
    threshold = -math.inf
    for _, held in corpora:
        scores = sorted((score(w, f) for f in held), reverse=True)
        threshold = max(threshold, scores[int(args.max_fp * len(scores))] + 1e-3)
    return w, round(threshold, 3)


def rates(w: dict[str, float], threshold: float, posts: list[tuple[set[str], int, bool]]) -> tuple[int, ...]:
    """(positives flagged, positives, clean posts flagged, clean posts): the pack's recall
    and false positives as benchmarks/pack_rates.py counts them."""
    flagged = [(score(w, f) >= threshold, y, clean) for f, y, clean in posts]
    return (sum(hit for hit, y, _ in flagged if y), sum(y for _, y, _ in flagged),
            sum(hit for hit, _, clean in flagged if clean), sum(clean for _, _, clean in flagged))


def write_model(pack_text: str, rule_short: str, w: dict[str, float], threshold: float) -> str:
    """The pack text with the rule's bias, threshold and weights replaced, nothing else touched."""
    lines = pack_text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if re.match(rf"\s*- id: {re.escape(rule_short)}\s*$", line))
    indent = " " * (len(lines[start]) - len(lines[start].lstrip()) + 2)
    head = lines[:start + 1]
    for line in lines[start + 1:]:
        if line.startswith(f"{indent}weights:"):
            break
        if line.startswith(f"{indent}bias:"):
            line = f"{indent}bias: {w.get(BIAS, 0.0):g}\n"
        elif line.startswith(f"{indent}threshold:"):
            line = f"{indent}threshold: {threshold:g}\n"
        head.append(line)
    else:
        raise SystemExit(f"{rule_short}: the rule must end with its weights: key")
    body = [f"{indent}  {json.dumps(f, ensure_ascii=False)}: {v:g}\n"
            for f, v in sorted(w.items(), key=lambda kv: (-abs(kv[1]), kv[0])) if f != BIAS]
    return "".join(head) + f"{indent}weights:\n" + "".join(body)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rule")
    ap.add_argument("--pack", type=Path, help="the pack file holding the rule (default: the built-in one)")
    ap.add_argument("--labelled", type=Path, nargs="+", required=True)
    ap.add_argument("--negatives", type=Path, nargs="*", default=[])
    ap.add_argument("--max-fp", type=float, default=0.005, help="share of each negatives file's held half flagged")
    ap.add_argument("--corpus-weight", type=float, default=1.0, help="the corpora's weight against the labelled posts")
    ap.add_argument("--l1", type=float, default=5.0, help="the L1 penalty: larger keeps fewer features")
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--cv", action="store_true", help="leave each labelled set out in turn and score it")
    ap.add_argument("--write", action="store_true", help="write the model into the pack file")
    args = ap.parse_args(argv)

    pack, rule_short = args.rule.split(".", 1)
    sets = labelled_sets(args.labelled, pack)
    try:
        corpora = [corpus(path) for path in args.negatives]
    except CorpusError as exc:
        raise SystemExit(f"train_classifier.py: {exc}") from None
    if args.cv:
        total = [0, 0, 0, 0]
        for name in sets:
            w, threshold = fit({k: v for k, v in sets.items() if k != name}, corpora, args)
            got = rates(w, threshold, sets[name])
            total = [a + b for a, b in zip(total, got)]
            print(f"  {name}: recall {got[0]}/{got[1]}, clean flagged {got[2]}/{got[3]}")
        print(f"left out in turn: recall {total[0] / max(total[1], 1):.1%}, "
              f"clean posts flagged {total[2] / max(total[3], 1):.2%}")
        return 0
    w, threshold = fit(sets, corpora, args)
    got = rates(w, threshold, [p for posts in sets.values() for p in posts])
    print(f"{args.rule}: {len(w) - 1} weights, bias {w.get(BIAS, 0.0):g}, threshold {threshold:g}; "
          f"on its training posts recall {got[0]}/{got[1]}, clean posts flagged {got[2]}/{got[3]}")
    for path, (_, held) in zip(args.negatives, corpora):
        print(f"  {path.name}: {sum(score(w, f) >= threshold for f in held) / len(held):.2%} of the held half flagged")
    if args.write:
        pack_path = args.pack or Path(__file__).resolve().parents[1] / "rules" / f"{pack}.yaml"
        pack_path.write_text(write_model(pack_path.read_text(encoding="utf-8"), rule_short, w, threshold),
                             encoding="utf-8")
        print(f"wrote {pack_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
