"""How often each rule pack fires on a corpus of real posts, so precision
regressions show: per pack, the share of posts with an error, with a warning,
and the rules that fire most.

    python benchmarks/pack_rates.py FILE.jsonl [--packs PATH] [--json] [--show RULE]
    python benchmarks/pack_rates.py --labelled FILE.yaml [--packs PATH] [--json]

FILE is JSON Lines: one object per line with a `text` field. The built-in
packs always run; `--packs` adds (or replaces, by id) packs as `postlint check`
does. `--show` prints the posts a pack or rule flags, to see what fires.

With `--labelled`, FILE is a YAML list of `{text, expect}` where `expect` lists
the packs that should flag the post (`[]` for a clean post). The report gives,
per pack, recall (share of its posts it flags at warning or error), its false
positives on the clean posts, and the posts it misses or wrongly flags.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import yaml

from postlint.errors import PostlintError
from postlint.linter import Linter
from postlint.model import Finding, Post, Severity
from postlint.packs import all_rules, load_packs, matches_selector
from postlint.report.text import visible


class CorpusError(PostlintError):
    """The corpus file cannot be read or a line is not a post."""


@dataclass
class PackRates:
    """Post counts for one pack: with an error, with a warning, and per rule."""

    error: int = 0
    warning: int = 0
    flagged: int = 0
    rules: collections.Counter = field(default_factory=collections.Counter)


def read_posts(path: Path) -> list[Post]:
    """Posts from a JSON Lines file; blank lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    posts = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{number}: not JSON: {exc.msg}") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise CorpusError(f"{path}:{number}: expected an object with a text field")
        posts.append(Post(text=obj["text"], path=str(path), number=number, row=number))
    return posts


@dataclass
class Labelled:
    """One labelled post: the packs that should flag it (none for a clean post)."""

    post: Post
    expect: frozenset[str]


def read_labelled(path: Path) -> list[Labelled]:
    """Labelled posts from a YAML list of `{text, expect}` entries."""
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CorpusError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if not isinstance(entries, list):
        raise CorpusError(f"{path}: expected a list of {{text, expect}} entries")
    out = []
    for number, entry in enumerate(entries, 1):
        if (not isinstance(entry, dict) or not isinstance(entry.get("text"), str)
                or not isinstance(entry.get("expect"), list)):
            raise CorpusError(f"{path}: entry {number}: expected {{text: str, expect: [pack ids]}}")
        post = Post(text=entry["text"], path=str(path), number=number, row=number)
        out.append(Labelled(post, frozenset(entry["expect"])))
    return out


@dataclass
class PackScore:
    """How one pack does on a labelled set: its misses and its false alarms on clean posts."""

    positives: int = 0
    clean: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return 1 - share(len(self.misses), self.positives) if self.positives else 1.0

    @property
    def false_positive_rate(self) -> float:
        return share(len(self.false_alarms), self.clean)


def score(linter: Linter, labelled: Sequence[Labelled], pack_ids: Iterable[str]) -> dict[str, PackScore]:
    """Per pack, which of its labelled posts it misses and which clean posts it
    flags, counting findings at warning or error only."""
    scores = {pid: PackScore() for pid in pack_ids}
    for item, (post, findings) in zip(labelled, linter.lint(item.post for item in labelled)):
        fired = {f.pack for f in findings if f.severity >= Severity.WARNING}
        expect = item.expect
        for pid, s in scores.items():
            if pid in expect:
                s.positives += 1
                if pid not in fired:
                    s.misses.append(post.text)
            elif not expect:
                s.clean += 1
                if pid in fired:
                    rules = sorted({f.rule for f in findings if f.pack == pid and f.severity >= Severity.WARNING})
                    s.false_alarms.append(f"{post.text}  [{', '.join(rules)}]")
    return {pid: s for pid, s in scores.items() if s.positives}


def scores_to_json(path: str, scores: dict[str, PackScore]) -> dict:
    return {"file": path,
            "packs": {pid: {"recall": round(s.recall, 4), "false_positive_rate": round(s.false_positive_rate, 4),
                            "misses": s.misses, "false_alarms": s.false_alarms}
                      for pid, s in scores.items()}}


def render_scores(path: str, scores: dict[str, PackScore]) -> str:
    width = max([len("pack")] + [len(pid) for pid in scores])
    out = [f"{path}: recall on each pack's posts, false positives on the clean posts (warning or error)",
           f"{'pack':<{width}}  {'recall':>13}  {'false pos':>13}"]
    for pid, s in scores.items():
        hit = s.positives - len(s.misses)
        out.append(f"{pid:<{width}}  {s.recall:>6.1%} {hit:>3}/{s.positives:<3}"
                   f"{s.false_positive_rate:>6.1%} {len(s.false_alarms):>3}/{s.clean:<3}")
    for pid, s in scores.items():
        out += [f"{pid} misses: {visible(t)}" for t in s.misses]
        out += [f"{pid} false alarm: {visible(t)}" for t in s.false_alarms]
    return "\n".join(out)


def measure(linter: Linter, posts: Iterable[Post], pack_ids: Sequence[str],
            show: str | None = None) -> tuple[int, dict[str, PackRates], list[tuple[Post, list[Finding]]]]:
    """Count posts per pack and rule; keep the posts `show` selects."""
    rates = {pid: PackRates() for pid in pack_ids}
    shown: list[tuple[Post, list[Finding]]] = []
    total = 0
    for post, findings in linter.lint(posts):
        total += 1
        by_pack: dict[str, list[Finding]] = collections.defaultdict(list)
        for f in findings:
            if f.severity >= Severity.WARNING:
                by_pack[f.pack].append(f)
        for pid, found in by_pack.items():
            r = rates[pid]
            severities = {f.severity for f in found}
            r.error += Severity.ERROR in severities
            r.warning += Severity.WARNING in severities
            r.flagged += 1
            r.rules.update({f.rule for f in found})
        if show:
            picked = [f for f in findings if matches_selector(f.rule, show) and f.severity >= Severity.WARNING]
            if picked:
                shown.append((post, picked))
    return total, rates, shown


def share(count: int, total: int) -> float:
    return count / total if total else 0.0


def to_json(path: str, total: int, rates: dict[str, PackRates], top: int) -> dict:
    return {"file": path, "posts": total,
            "packs": {pid: {"error": round(share(r.error, total), 4), "warning": round(share(r.warning, total), 4),
                            "flagged": round(share(r.flagged, total), 4),
                            "top_rules": [[rule, n] for rule, n in r.rules.most_common(top)]}
                      for pid, r in rates.items()}}


def render(path: str, total: int, rates: dict[str, PackRates], top: int) -> str:
    width = max([len("pack")] + [len(pid) for pid in rates])
    out = [f"{path}: {total} posts (share of posts with at least one finding of each severity)",
           f"{'pack':<{width}}  {'error':>7}  {'warning':>7}  {'flagged':>7}  top rules (posts)"]
    for pid, r in rates.items():
        tops = ", ".join(f"{rule} ({n})" for rule, n in r.rules.most_common(top)) or "-"
        out.append(f"{pid:<{width}}  {share(r.error, total):>7.2%}  {share(r.warning, total):>7.2%}  "
                   f"{share(r.flagged, total):>7.2%}  {tops}")
    return "\n".join(out)


def render_shown(shown: list[tuple[Post, list[Finding]]]) -> str:
    out = []
    for post, findings in shown:
        marks = "; ".join(f"{f.rule} {f.severity.label} {visible(f.match)!r}" for f in findings)
        out.append(f"line {post.number}: {marks}\n    {visible(post.text)}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="JSON Lines file of posts with a `text` field")
    parser.add_argument("--labelled", action="store_true",
                        help="FILE is YAML {text, expect} entries: report recall and false positives per pack")
    parser.add_argument("--packs", type=Path, action="append", default=[], metavar="PATH",
                        help="add a pack file or folder of packs (repeatable)")
    parser.add_argument("--top", type=int, default=3, help="how many top rules to list per pack (default 3)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--show", metavar="ID", help="also print the posts this pack or rule flags")
    args = parser.parse_args(argv)
    try:
        packs = load_packs(args.packs)
        posts = [] if args.labelled else read_posts(args.file)
        labelled = read_labelled(args.file) if args.labelled else []
    except PostlintError as exc:
        print(f"pack_rates: error: {exc}", file=sys.stderr)
        return 2
    linter = Linter(all_rules(packs))
    if args.labelled:
        scores = score(linter, labelled, [p.id for p in packs])
        if args.json:
            print(json.dumps(scores_to_json(str(args.file), scores), indent=2))
        else:
            print(render_scores(str(args.file), scores))
        return 0
    total, rates, shown = measure(linter, posts, [p.id for p in packs], args.show)
    if args.json:
        print(json.dumps(to_json(str(args.file), total, rates, args.top), indent=2))
    else:
        print(render(str(args.file), total, rates, args.top))
    if shown:
        print(render_shown(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
