"""The regression corpus: a fixed set of posts in every input format, linted
with frozen copies of the packs, and the reports postlint gave on it. The
test (tests/test_regression.py) checks that the reports never change, so an
optimisation cannot change a finding unnoticed.

The packs and the organisation profile are copies, not the built-in ones, so
that improving a pack's wording or recall (which changes findings on purpose)
does not touch this test; it guards the engine: readers, kinds, matching,
positions and reports. Regenerate only when a change of output is intended,
and read the diff of the expected files before committing it:

    python tests/regression_corpus.py                   # rewrite inputs and expected reports
    python tests/regression_corpus.py --refresh-packs   # also re-copy rules/*.yaml first
    python tests/regression_corpus.py --expected-only   # keep the inputs, rewrite the reports
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent / "data" / "regression"
PACKS = HERE / "packs"
CONFIG = "config.yaml"
INPUTS = ("scheduled.csv", "bulk.csv", "posts.jsonl", "posts.yaml", "drafts", "notes")
EXPECTED = {"json": "expected.json", "human": "expected-human.txt"}
# A fixed terminal width, so the human report wraps the same way everywhere.
COLUMNS = "100"
SEED = 20260601
LONGEST = 7_000  # longer examples (Facebook's 63,206-character limit) would bloat the expected reports
PLATFORMS = ("x", "facebook", "instagram", "linkedin", "youtube", "threads", "bluesky")
FRONT_KEYS = ("publish_at", "campaign")


def arguments(fmt: str) -> list[str]:
    """The `postlint` command line the expected reports come from, run in HERE."""
    return ["check", "--config", CONFIG, "--format", fmt, "--fail-on", "never", *INPUTS]


def _benchmark_post(rng: random.Random) -> str:
    """A post like the benchmark's (NHS vocabulary, shouting, hashtags, links, emoji)."""
    if str(ROOT / "benchmarks") not in sys.path:
        sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate_corpus import post

    return post(rng)


def _examples() -> list[tuple[str, str | None]]:
    """(text, platform) of every example of the frozen packs, in pack order."""
    from postlint.packs import load_packs

    out = []
    for pack in load_packs([PACKS], builtin=False):
        for rule in pack.rules:
            out.extend((ex.text, ex.platform) for ex in rule.flag + rule.passes if len(ex.text) <= LONGEST)
    return out


def posts(rng: random.Random) -> list[tuple[str, str | None]]:
    """Every example once: a platform example alone (its length matters), the rest
    two or three to a post, sometimes with a generated benchmark post, sometimes
    given a platform; plus plain benchmark posts."""
    examples = _examples()
    alone = [e for e in examples if e[1]]
    rest = [e[0] for e in examples if not e[1]]
    rng.shuffle(rest)
    out = list(alone)
    while rest:
        k = min(len(rest), rng.choice((1, 2, 3, 3)))
        parts, rest = rest[:k], rest[k:]
        if rng.random() < 0.3:
            parts.insert(rng.randrange(len(parts) + 1), _benchmark_post(rng))
        joiner = rng.choice((" ", " ", "\n", "\n\n"))
        platform = rng.choice(PLATFORMS) if rng.random() < 0.25 else None
        out.append((joiner.join(parts), platform))
    out += [(_benchmark_post(rng), rng.choice((None, None, "x", "instagram"))) for _ in range(40)]
    rng.shuffle(out)
    return out


def _ignore(rng: random.Random) -> list[str]:
    return rng.sample(["all-caps", "nhs-jargon.plain-english", "accessibility", "brand.off-topic"], 1) \
        if rng.random() < 0.08 else []


def write_inputs(items: list[tuple[str, str | None]], rng: random.Random) -> None:
    """Share the posts out over the readers: CSV with a header and without, JSON Lines,
    YAML, Markdown with front matter, plain text; some files with CRLF line ends."""
    for name in ("drafts", "notes"):
        shutil.rmtree(HERE / name, ignore_errors=True)
        (HERE / name).mkdir(parents=True)
    # Headerless CSV and plain text cannot say a post's platform: they take posts without one.
    plain = [item for item in items if not item[1]]
    bulk, notes = plain[:60], plain[60:100]
    rest = [item for item in items if item not in bulk and item not in notes]
    n = len(rest)
    cut = [0, n * 45 // 100, n * 75 // 100, n * 85 // 100, n]
    scheduled, jsonl, yml, drafts = (rest[a:b] for a, b in zip(cut, cut[1:]))

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["Publish At", "Platform", "Message", "postlint_ignore"])
    for i, (text, platform) in enumerate(scheduled):
        writer.writerow([f"2026-12-{1 + i % 28:02d} 09:{i % 60:02d}", platform or "", text, " ".join(_ignore(rng))])
    _write(HERE / "scheduled.csv", buf.getvalue())

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for i, (text, _) in enumerate(bulk):
        writer.writerow([f"{1 + i % 28:02d}/12/2026 10:{i % 60:02d}", text, "https://www.staffsstoke.icb.nhs.uk/"])
    _write(HERE / "bulk.csv", buf.getvalue())

    lines = []
    for i, (text, platform) in enumerate(jsonl):
        record: dict[str, object] = {"id": i + 1, "text": text}
        if platform:
            record["platform"] = platform
        if ignore := _ignore(rng):
            record["ignore"] = ignore
        lines.append(json.dumps(record, ensure_ascii=i % 2 == 0))
    _write(HERE / "posts.jsonl", "\n".join(lines) + "\n")

    records = [{"text": text, **({"platform": platform} if platform else {})} for text, platform in yml]
    _write(HERE / "posts.yaml", yaml.safe_dump({"posts": records}, allow_unicode=True, sort_keys=False, width=100))

    for i, (text, platform) in enumerate(drafts):
        front = {k: f"{k}-{i}" for k in FRONT_KEYS[: i % 3]}
        if platform:
            front["platform"] = platform
        if ignore := _ignore(rng):
            front["ignore"] = ignore
        head = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" if front else ""
        body = head + text + "\n"
        _write(HERE / "drafts" / f"draft-{i + 1:03d}.md", body.replace("\n", "\r\n") if i % 4 == 1 else body)

    for i, (text, _) in enumerate(notes):
        body = text.replace("\n", "\r\n") if i % 3 == 2 else text + "\n"
        _write(HERE / "notes" / f"note-{i + 1:03d}.txt", body)


def write_config() -> None:
    """Only the frozen packs, with a frozen copy of the organisation profile."""
    from postlint.packs import load_packs
    from postlint.profile import default_profile

    config = {"packs": ["packs/"], "select": [p.id for p in load_packs([PACKS], builtin=False)],
              "organisation": {k: v for k, v in default_profile().items()}}
    _write(HERE / CONFIG, "# Written by tests/regression_corpus.py.\n"
           + yaml.safe_dump(json.loads(json.dumps(config)), allow_unicode=True, sort_keys=False))


def write_expected() -> None:
    """The reports of the current code: what every later version must reproduce."""
    import os

    from typer.testing import CliRunner

    from postlint.cli import app

    os.chdir(HERE)
    for fmt, name in EXPECTED.items():
        result = CliRunner().invoke(app, arguments(fmt), env={"COLUMNS": COLUMNS, "NO_COLOR": "1"})
        if result.exit_code != 0:
            raise SystemExit(f"postlint exited {result.exit_code}: {result.output[-2000:]}")
        _write(HERE / name, result.stdout)


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--refresh-packs", action="store_true", help="copy the built-in packs again first")
    ap.add_argument("--expected-only", action="store_true", help="keep the inputs; rewrite the expected reports")
    args = ap.parse_args()
    if args.refresh_packs or not PACKS.exists():
        shutil.rmtree(PACKS, ignore_errors=True)
        PACKS.mkdir(parents=True)
        for pack in sorted((ROOT / "rules").glob("*.yaml")):
            shutil.copyfile(pack, PACKS / pack.name)
    if not args.expected_only:
        write_config()
        rng = random.Random(SEED)
        write_inputs(posts(rng), rng)
    write_expected()
    print(f"wrote the regression corpus and its expected reports in {HERE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
