"""Times postlint as a whole process on the generated corpus, with all built-in
packs on: start-up against `spacy.blank("en")`, posts/s on 20,000 posts (CSV,
JSON Lines, 1,000 files), CPU time, peak memory of all its processes, and with
--scale the time for 200,000 posts; and the issue's yardstick, a bare spaCy
pipeline with a PhraseMatcher and a Matcher over the same posts, so figures from
machines of different speeds can be set side by side. Timings live here, never
in tests.

    python benchmarks/generate_corpus.py              # once
    python benchmarks/run.py [--repeat 3] [--scale] [--proselint] [--real FILE ...]

Each time is the best of --repeat runs (the machine's other work only ever
slows a run down). Peak memory is the largest total proportional set size
(PSS: shared pages split between the processes sharing them) of postlint and
its worker processes, sampled every 20 ms in one more run than is timed (the
sampling slows the process it samples). The pack cache is warm except
where "cold" says otherwise."""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).parent / "out"
POSTLINT = [sys.executable, "-m", "postlint"]
CHECK = POSTLINT + ["check", "--fail-on", "never"]


@dataclass
class Run:
    wall: float
    cpu: float  # user + system, all processes
    peak_mb: float


def _tree(root: int) -> list[int]:
    """The process and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(cmd: list[str], env: dict[str, str] | None = None, memory: bool = False) -> Run:
    """One run: wall time, CPU time of all its processes and, with `memory`, peak total PSS
    (0 without). Reading a process's memory map makes the kernel walk it and holds up that
    process's page faults meanwhile, so the runs that are timed are not sampled."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.02):
            peak = max(peak, sum(_pss_kb(p) for p in _tree(proc.pid)))

    sampler = threading.Thread(target=sample, daemon=True)
    if memory and os.path.exists("/proc/self/smaps_rollup"):
        sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode(errors='replace').strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, peak / 1024)


def best(cmd: list[str], repeat: int, env: dict[str, str] | None = None, memory: bool = False) -> Run:
    """The best time and CPU time of `repeat` runs and, with `memory`, the peak memory of
    one more run (0 without)."""
    runs = [measure(cmd, env) for _ in range(repeat)]
    peak = measure(cmd, env, memory=True).peak_mb if memory else 0.0
    return Run(min(r.wall for r in runs), min(r.cpu for r in runs), peak)


def copies(source: Path, times: int, folder: Path) -> list[str]:
    """`times` copies of a file (one big file would pass postlint's size limit for a file of posts)."""
    out = []
    for i in range(times):
        target = folder / f"{source.stem}-{i + 1:02d}{source.suffix}"
        shutil.copyfile(source, target)
        out.append(str(target))
    return out


def machine() -> str:
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = ", load average %.1f" % os.getloadavg()[0] if hasattr(os, "getloadavg") else ""
    return f"{model or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}{load}"


# The yardstick, as a whole process: a bare spacy.blank("en") pipeline with a
# 200-phrase PhraseMatcher and a 5-pattern Matcher over the same posts (3.8 s for 20,000
# posts on the machine the targets came from, where 5,000 posts/s is 4.0 s).
REFERENCE = """
import sys, json
import spacy
from spacy.matcher import Matcher, PhraseMatcher
nlp = spacy.blank("en")
phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
phrases.add("phrase", [nlp.make_doc(p) for p in json.loads(sys.argv[2])])
tokens = Matcher(nlp.vocab)
tokens.add("caps", [[{"IS_UPPER": True, "LENGTH": {">=": 3}}]])
tokens.add("url", [[{"LIKE_URL": True}]])
tokens.add("number", [[{"LIKE_NUM": True}, {"LOWER": {"IN": ["am", "pm"]}}]])
tokens.add("tag", [[{"ORTH": "#"}, {"IS_ALPHA": True}]])
tokens.add("service", [[{"LOWER": "nhs"}, {"LIKE_NUM": True}]])
texts = (json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8"))
found = sum(len(phrases(doc)) + len(tokens(doc)) for doc in nlp.pipe(texts, batch_size=256))
"""


def reference_phrases() -> list[str]:
    """200 two-word phrases from the generator's vocabulary, the same on every run."""
    from generate_corpus import FILLER

    return [f"{a} {b}" for a in FILLER for b in FILLER if a != b][:200]


PROSELINT = """
import sys, json
from proselint.checks import __register__
from proselint.config import load_from
from proselint.registry import CheckRegistry
from proselint.tools import LintFile
CheckRegistry().register_many(__register__)
config = load_from(None)
for line in open(sys.argv[1], encoding="utf-8"):
    LintFile("post", json.loads(line)["text"]).lint(config)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scale", action="store_true", help="also time 10 copies of the CSV (200,000 posts)")
    ap.add_argument("--proselint", action="store_true", help="also time proselint on the same posts (if installed)")
    ap.add_argument("--real", nargs="+", type=Path, default=[], metavar="FILE",
                    help="also time each of these files of real posts (any format postlint reads), "
                         "such as ../shared/corpora/*.jsonl, which are not shipped")
    args = ap.parse_args()
    # Timed as postlint runs once installed, with its modules' bytecode cached: under
    # PYTHONDONTWRITEBYTECODE an editable install compiles them from source on every run
    # (about 50 ms of each start-up).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    csv_file, jsonl, drafts = OUT / "posts.csv", OUT / "posts.jsonl", OUT / "drafts"
    if not csv_file.exists():
        raise SystemExit("run benchmarks/generate_corpus.py first")
    posts = sum(1 for _ in open(jsonl, encoding="utf-8"))
    files = sorted(str(p) for p in drafts.glob("*.txt"))
    print(f"machine: {machine()}")

    spacy_t = best([sys.executable, "-c", "import spacy; spacy.blank('en')"], args.repeat)
    # one run first, untimed, so that "warm" means a filled pack cache even with --repeat 1
    # (an upgrade or a pack edit empties it)
    subprocess.run(POSTLINT + ["check", files[0]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    warm = best(POSTLINT + ["check", files[0]], args.repeat)
    cold = best(POSTLINT + ["check", files[0]], args.repeat, env={**os.environ, "POSTLINT_NO_CACHE": "1"})
    print(f"start-up: spacy.blank('en') {spacy_t.wall:.2f}s (CPU {spacy_t.cpu:.2f}s); "
          f"postlint check one file {warm.wall:.2f}s (CPU {warm.cpu:.2f}s) = {warm.wall / spacy_t.wall:.2f}x, "
          f"without the pack cache {cold.wall:.2f}s = {cold.wall / spacy_t.wall:.2f}x")
    quick = {name: best(POSTLINT + cmd, args.repeat).wall
             for name, cmd in (("--version", ["--version"]), ("--help", ["--help"]), ("rules", ["rules"]),
                               ("explain", ["explain", "all-caps.whole-post"]))}
    print("          " + "; ".join(f"postlint {name} {t:.2f}s" for name, t in quick.items()))

    loads = [("CSV json", posts, CHECK + ["-f", "json", str(csv_file)]),
             ("CSV human", posts, CHECK + [str(csv_file)]),
             ("JSONL json", posts, CHECK + ["-f", "json", str(jsonl)]),
             (f"{len(files)} files", len(files), CHECK + ["-f", "json", *files]),
             ("CSV 1 proc", posts, CHECK + ["-f", "json", "--jobs", "1", str(csv_file)])]
    walls = {}
    for label, n, cmd in loads:
        r = best(cmd, args.repeat, memory=True)
        walls[label] = r.wall
        print(f"{label:>11}: {n} posts in {r.wall:.2f}s = {n / r.wall:,.0f} posts/s "
              f"(CPU {r.cpu:.2f}s); peak {r.peak_mb:.0f} MB")
    ref = best([sys.executable, "-c", REFERENCE, str(jsonl), json.dumps(reference_phrases())], args.repeat)
    print(f"  reference: spacy.blank + 200-phrase PhraseMatcher + 5-pattern Matcher, one process: {posts} posts "
          f"in {ref.wall:.2f}s = {posts / ref.wall:,.0f} posts/s; CSV json took {walls['CSV json'] / ref.wall:.2f}x "
          f"as long (the targets' machine: 3.8s, and 5,000 posts/s is 1.05x)")

    for path in args.real:
        summary = json.loads(subprocess.run(CHECK + ["-f", "json", str(path)], capture_output=True, text=True,
                                            check=True).stdout)["summary"]
        r = best(CHECK + ["-f", "json", str(path)], args.repeat, memory=True)
        print(f"{'real':>11}: {path.name}: {summary['posts']} posts in {r.wall:.2f}s = "
              f"{summary['posts'] / r.wall:,.0f} posts/s (CPU {r.cpu:.2f}s); peak {r.peak_mb:.0f} MB")

    if args.scale:
        folder = Path(tempfile.mkdtemp())
        try:
            big = copies(csv_file, 10, folder)
            base = best(CHECK + ["-f", "json", str(csv_file)], 1)
            r = best(CHECK + ["-f", "json", *big], 1, memory=True)
            print(f"      scale: {posts * 10} posts in {r.wall:.2f}s = {posts * 10 / r.wall:,.0f} posts/s, "
                  f"{r.wall / base.wall:.1f}x the time of {posts}; peak {r.peak_mb:.0f} MB")
        finally:
            shutil.rmtree(folder)

    if args.proselint:
        if shutil.which("proselint") is None and subprocess.run(
                [sys.executable, "-c", "import proselint"], capture_output=True).returncode:
            print("  proselint: not installed (pip install proselint)")
        else:
            r = best([sys.executable, "-c", PROSELINT, str(jsonl)], 1, memory=True)
            print(f"  proselint: {posts} posts in {r.wall:.2f}s = {posts / r.wall:,.0f} posts/s "
                  f"(one process, its Python API); peak {r.peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
