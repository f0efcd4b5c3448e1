"""Times postlint as a whole process on the generated corpus, with all
built-in packs on, and prints posts/s, peak memory and start-up time.
Timings live here, never in tests.

    python benchmarks/generate_corpus.py          # once
    python benchmarks/run.py [--repeat 3] [--scale]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"
POSTLINT = [sys.executable, "-m", "postlint"]


def timed(cmd: list[str], repeat: int) -> float:
    """Best wall time of `repeat` runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()}")
        best = min(best, elapsed)
    return best


def peak_of(cmd: list[str]) -> float:
    """Peak RSS of one run, measured in a fresh interpreter so earlier runs do not count."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
            "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, check=True)
    return int(out.stdout) / 1024


def scaled_csv(source: Path, times: int, folder: Path) -> Path:
    target = folder / f"posts-x{times}.csv"
    data = source.read_bytes()
    with open(target, "wb") as f:
        for _ in range(times):
            f.write(data)
    return target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scale", action="store_true", help="also time 10x the CSV (200,000 posts)")
    args = ap.parse_args()
    csv_file, jsonl, drafts = OUT / "posts.csv", OUT / "posts.jsonl", OUT / "drafts"
    if not csv_file.exists():
        raise SystemExit("run benchmarks/generate_corpus.py first")
    posts = sum(1 for _ in open(jsonl, encoding="utf-8"))
    files = sorted(str(p) for p in drafts.glob("*.txt"))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")

    spacy_t = timed([sys.executable, "-c", "import spacy; spacy.blank('en')"], args.repeat)
    small_t = timed(POSTLINT + ["check", files[0]], args.repeat)
    version_t = timed(POSTLINT + ["--version"], args.repeat)
    print(f"start-up: spacy.blank('en') {spacy_t:.2f}s; postlint check one file {small_t:.2f}s "
          f"({small_t / spacy_t:.2f}x); postlint --version {version_t:.2f}s")

    for label, cmd in (("CSV", POSTLINT + ["check", "--fail-on", "never", str(csv_file)]),
                       ("JSONL", POSTLINT + ["check", "--fail-on", "never", str(jsonl)]),
                       (f"{len(files)} files", POSTLINT + ["check", "--fail-on", "never", *files])):
        t = timed(cmd, args.repeat)
        n = posts if label != f"{len(files)} files" else len(files)
        print(f"{label:>10}: {n} posts in {t:.2f}s = {n / t:,.0f} posts/s; peak {peak_of(cmd):.0f} MB")

    if args.scale:
        folder = Path(tempfile.mkdtemp())
        try:
            big = scaled_csv(csv_file, 10, folder)
            base = timed(POSTLINT + ["check", "--fail-on", "never", str(csv_file)], 1)
            t = timed(POSTLINT + ["check", "--fail-on", "never", str(big)], 1)
            print(f"     scale: {posts * 10} posts in {t:.2f}s ({t / base:.1f}x the time of {posts}); "
                  f"peak {peak_of(POSTLINT + ['check', '--fail-on', 'never', str(big)]):.0f} MB")
        finally:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
