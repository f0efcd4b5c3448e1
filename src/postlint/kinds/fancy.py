"""'Fancy text': letters borrowed from maths and symbol blocks to fake bold,
italic, script, circled or upside-down text. Screen readers skip them or
spell them out, and search cannot find them. Each run is flagged with the
plain letters (Unicode NFKC, or the letter named in the character's name);
regional-indicator flags and emoji such as 🅿️ are left alone."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterator

import regex

from ..model import Hit
from .base import Field, Kind, str_list

OVERLAYS = "\u0332\u0333\u0335\u0336\u0337\u0338"
# Letters upside-down generators use that no plain text needs.
UPSIDE_DOWN = set("ɐɔǝɟƃɥᴉɹʇʌʍʎɯʞ∀ƆƎℲ⅁˥Ԁᴚᴉꓘ⅄∩⊥Λ")
_NAMED_LETTER = regex.compile(r"(?:LATIN (?:CAPITAL|SMALL) LETTER|SMALL CAPITAL|LATIN LETTER SMALL CAPITAL) ([A-Z])$")
_MATH_STYLE = regex.compile(r"^MATHEMATICAL (.*?) (?:CAPITAL|SMALL|DIGIT|NABLA|PARTIAL|EPSILON|THETA|KAPPA|PHI|RHO|PI)")

# Runs shorter than this many characters of a style are left alone (an "ℓ" for litres, a stray IPA letter).
MIN_RUN = {"mathematical": 1, "fullwidth": 1, "enclosed": 1, "letterlike": 2, "small capitals": 2,
           "superscript": 3, "upside-down": 2, "struck-through or underlined": 2}
STYLES = tuple(MIN_RUN)


def _ascii_word(text: str) -> bool:
    return text.isascii() and text.isalnum()


@lru_cache(maxsize=4096)
def classify(ch: str) -> tuple[str, str, str | None] | None:
    """(family, label, plain form or None) for a character used as a font trick, else None."""
    cp = ord(ch)
    nfkc = unicodedata.normalize("NFKC", ch)
    name = unicodedata.name(ch, "")
    named = _NAMED_LETTER.search(name)
    if 0x1D400 <= cp <= 0x1D7FF:
        m = _MATH_STYLE.match(name)
        return "mathematical", f"mathematical {m.group(1).lower()}" if m else "mathematical", nfkc
    if 0xFF10 <= cp <= 0xFF5A and _ascii_word(nfkc):
        return "fullwidth", "fullwidth", nfkc
    if 0x2460 <= cp <= 0x24FF and nfkc != ch and nfkc.isascii():
        return "enclosed", "circled or bracketed", nfkc
    if 0x1F130 <= cp <= 0x1F189 and named:
        return "enclosed", "squared", named.group(1)
    if 0x2100 <= cp <= 0x214F and unicodedata.category(ch).startswith("L") and _ascii_word(nfkc):
        return "letterlike", "letterlike", nfkc
    if "SMALL CAPITAL" in name and named:
        return "small capitals", "small capital", named.group(1).lower()
    if ("MODIFIER LETTER" in name or "SUPERSCRIPT" in name or "SUBSCRIPT" in name) and nfkc.isascii() and nfkc.isalpha():
        return "superscript", "superscript", nfkc
    return None


@dataclass
class Run:
    start: int
    end: int
    counts: dict[str, int]
    labels: list[str]
    plain: list[str | None]
    fancy: list[str]


def fancy_runs(text: str) -> Iterator[Run]:
    """Runs of fancy characters; spaces, digits and punctuation between them join a run, plain letters and line breaks end it."""
    run: Run | None = None
    i, n = 0, len(text)
    while i <= n:
        if i == n:
            if run:
                yield run
            break
        ch = text[i]
        j = i + 1
        while j < n and text[j] in OVERLAYS:
            j += 1
        info = classify(ch) if text[j:j + 1] != "\ufe0f" else None
        if info is None and j > i + 1 and ch.isalnum():
            info = ("struck-through or underlined", "struck-through or underlined", ch)
        if info:
            family, label, plain = info
            if run is None:
                run = Run(i, j, {}, [], [], [])
            else:
                run.plain.append(text[run.end:i])
            run.end = j
            run.counts[family] = run.counts.get(family, 0) + 1
            if label not in run.labels:
                run.labels.append(label)
            run.plain.append(plain)
            run.fancy.append(ch)
        elif run is not None and (ch in "\r\n" or unicodedata.category(ch).startswith("L")):
            yield run
            run = None
        i = j


_NON_ASCII = regex.compile(r"[^\x00-\x7f]")


def may_have_runs(text: str, upside_down: bool) -> bool:
    """Whether a run can start anywhere in `text`: only at a character `classify` knows,
    an overlay or a turned letter, none of them ASCII. Most posts are ruled out here."""
    if text.isascii():
        return False
    for ch in set(_NON_ASCII.findall(text)):
        if classify(ch) or ch in OVERLAYS or (upside_down and ch in UPSIDE_DOWN):
            return True
    return False


_WORDS = regex.compile(r"[^\s]+(?:[ \t]+[^\s]+)*")
_WORD = regex.compile(r"[^\s]+")


def upside_down_runs(text: str) -> Iterator[Run]:
    """Upside-down text mixes turned letters with plain ones (o, s, l), so it is found by the word:
    a line's stretch of words that each contain a turned letter."""
    for line in _WORDS.finditer(text):
        start = None
        count = 0
        for word in _WORD.finditer(line.group()):
            turned = sum(1 for c in word.group() if c in UPSIDE_DOWN)
            if turned:
                if start is None:
                    start, count = line.start() + word.start(), 0
                end = line.start() + word.end()
                count += turned
                continue
            if start is not None:
                yield Run(start, end, {"upside-down": count}, ["upside-down"], [None], [])
                start = None
        if start is not None:
            yield Run(start, end, {"upside-down": count}, ["upside-down"], [None], [])


def _counts(run: Run, styles: frozenset[str]) -> bool:
    import emoji  # here, not at the top: most runs never reach this (see emojis)

    if len(run.fancy) == 1 and emoji.is_emoji(run.fancy[0]):
        return False  # a lone 🅿 or ℹ is an emoji, not a word in fancy letters
    return any(family in styles and count >= MIN_RUN[family] for family, count in run.counts.items())


def _styles(value: Any) -> str | None:
    problem = str_list(value)
    unknown = [v for v in value if v not in MIN_RUN]
    return problem or (f"unknown style {unknown[0]!r}; known: {', '.join(STYLES)}" if unknown else None)


class FancyText(Kind):
    name = "fancy-text"
    summary = "flags letters faked from maths, circled, fullwidth or upside-down characters; suggests plain letters"
    fields = (
        Field("styles", (list,), default=list(STYLES), check=_styles,
              doc=f"which tricks to flag (default all): {', '.join(STYLES)}"),
    )
    placeholders = frozenset({"match", "suggestion", "advice", "style"})

    def setup(self, line_of: Callable[[str], int]) -> None:
        self.styles = frozenset(self.params["styles"])

    def check(self, ctx: Any) -> Iterator[Hit]:
        if not may_have_runs(ctx.text, "upside-down" in self.styles):
            return
        runs = list(fancy_runs(ctx.text))
        if "upside-down" in self.styles:
            runs += upside_down_runs(ctx.text)
        for run in sorted(runs, key=lambda r: r.start):
            if not _counts(run, self.styles):
                continue
            match = ctx.text[run.start:run.end]
            values = {"match": match, "style": " and ".join(run.labels)}
            if any(p is None for p in run.plain):
                yield Hit(run.start, run.end, {**values, "suggestion": "", "advice": "retype it in plain letters"})
                continue
            plain = "".join(p for p in run.plain if p is not None)
            yield Hit(run.start, run.end, {**values, "suggestion": plain, "advice": f"write '{plain}'"},
                      suggestions=(plain,), fixable=True)
