"""Writes a deterministic benchmark corpus of generated posts (about 37 words
each, with NHS vocabulary, shouting, hashtags, mentions, URLs and emoji) as a
headerless bulk-upload CSV, a folder of .txt files and a JSON Lines file.

    python benchmarks/generate_corpus.py [--posts 20000] [--files 1000] [--seed 7] [--out benchmarks/out]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from datetime import datetime, timedelta
from pathlib import Path

OPENERS = ["Our", "The", "This week our", "From Monday the", "Local", "Your", "Staffordshire's", "Every"]
SUBJECTS = ["flu vaccine clinic", "GP surgery", "pharmacy team", "community nursing service", "Board meeting",
            "urgent treatment centre", "mental health helpline", "maternity unit", "stop smoking service",
            "primary care network", "integrated care system", "discharge to assess pathway", "stakeholder event"]
VERBS = ["is open", "will utilise new rooms", "needs your views", "is running late", "has moved",
         "welcomes volunteers", "is CLOSED TODAY", "is recruiting", "was praised by inspectors", "will facilitate sessions"]
TAILS = ["in order to help more people this winter", "so please book early", "and we are very grateful",
         "for everyone aged 65 and over", "with support from system partners", "PLEASE DO NOT WALK IN",
         "to improve capacity across the patient pathway", "near Hanley bus station", "for people who are homeless",
         "and staff will explain what happens next"]
FILLER = ("people patients carers families staff nurses doctors pharmacists services appointments advice support "
          "winter health care local community clinic vaccine booking information help please thank you today "
          "week month website phone online safe well warm").split()
EXTRAS = ["#FluJab", "#NHS", "#ChooseWell", "#flujabsaveslives", "@StaffsICB", "@NHSEngland", "😷", "💙", "👍🏽",
          "https://www.nhs.uk/conditions/flu/", "111.nhs.uk", "Call NHS 111.", "A&E", "PCN", "SDEC"]


def post(rng: random.Random) -> str:
    words = [rng.choice(OPENERS), rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(TAILS) + "."]
    words += [rng.choice(FILLER) for _ in range(rng.randint(19, 25))]
    words[-1] += "."
    words += rng.sample(EXTRAS, rng.randint(1, 4))
    text = " ".join(words)
    return text[0].upper() + text[1:]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--posts", type=int, default=20_000)
    ap.add_argument("--files", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    posts = [post(rng) for _ in range(args.posts)]
    args.out.mkdir(parents=True, exist_ok=True)
    start = datetime(2026, 12, 1, 9, 0)
    with open(args.out / "posts.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        for i, text in enumerate(posts):
            when = start + timedelta(minutes=10 * i)
            writer.writerow([when.strftime("%d/%m/%Y %H:%M"), text, "https://www.staffsstoke.icb.nhs.uk/"])
    with open(args.out / "posts.jsonl", "w", encoding="utf-8") as f:
        for i, text in enumerate(posts):
            f.write(json.dumps({"id": i + 1, "text": text}) + "\n")
    folder = args.out / "drafts"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for i, text in enumerate(posts[: args.files]):
        (folder / f"draft-{i + 1:04d}.txt").write_text(text + "\n", encoding="utf-8")
    words = sum(len(p.split()) for p in posts) / len(posts)
    print(f"wrote {len(posts)} posts (mean {words:.1f} words) and {args.files} files to {args.out}")


if __name__ == "__main__":
    main()
