"""Unexplained acronyms: capitals the public may not know (PCN, SDEC, UEC),
unless they are well known or spelled out in the same post, either as
"primary care networks (PCNs)" or as "PCN (primary care network)"."""

from __future__ import annotations

import unicodedata
from typing import Any, Callable, Iterator

import regex

from ..commonwords import common_words, drawn_out
from ..model import Hit
from .base import Field, Kind, SpecError, optional_str_list, positive, ratio
from .vocabulary import profile_names

# Characters after an acronym's first use within which its meaning may start and still
# explain it ("RSV, or respiratory syncytial virus").
MEANING_AFTER = 8
# Capitals not glued to other word characters: "A&E", "ST4", "NHSmail" and "@NHS" are not candidates.
# One followed by "!" is emphasis ("YAY!"), which the all-caps pack reports.
CANDIDATE = regex.compile(r"(?<![\w&@#])(\p{Lu}{2,})(s?)(?![\w&!]|[-‐]\d)")
ROMAN = regex.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
SPELLED_BEFORE = regex.compile(r"\(\s*(\p{Lu}[\p{Lu}&]+)s?\s*\)")
SPELLED_AFTER = regex.compile(r"(?<![\w&])(\p{Lu}[\p{Lu}&]+)s?\s*\(([^()\n]{3,120})\)")
NOT_LETTERS = regex.compile(r"\P{L}+")
_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
WORDS_BEFORE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’]*")
CAPS_WORD = regex.compile(r"[\p{L}&'’]+")
# Whole CAPS_WORD words of two characters or more without a lower-case letter: the only ones
# that can be words in capitals (isupper), found without making a string of every word.
_UNLOWERED_WORD = regex.compile(r"(?<![\p{L}&'’])[[\p{L}&'’]--\p{Ll}]{2,}(?![\p{L}&'’])", regex.V1)


def long_form(short: str, text: str) -> bool:
    """Whether the words of `text` (a few either side of a bracket) can spell `short`:
    Schwartz and Hearst's acronym-definition match (2003): each letter of the short
    form found in order, searching from the end, and the first at the start of a word."""
    letters = [c.lower() for c in short if c.isalnum()]
    if not letters or not text:
        return False
    low = text.lower()
    i = len(low) - 1
    for n in range(len(letters) - 1, -1, -1):
        c = letters[n]
        while i >= 0 and (low[i] != c or (n == 0 and i > 0 and low[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return False
        i -= 1
    return True


def _meanings(value: Any) -> str | None:
    for key, meaning in value.items():
        if not isinstance(key, str) or not CANDIDATE.fullmatch(key):
            return f"{key!r} is not an acronym in capitals"
        if not isinstance(meaning, str) or not meaning.strip():
            return f"{key!r}: expected its meaning as text"
    return None


def words_before(text: str, end: int, count: int) -> list[Any]:
    """The last `count` words before `end`, read from a window that widens until it holds
    more than that (so its first, maybe cut, word is not among them): a long post costs
    only the text near `end`."""
    width = 64
    while True:
        lo = max(0, end - width)
        words = list(WORDS_BEFORE.finditer(text, lo, end))
        if len(words) > count or lo == 0:
            return words[-count:]
        width *= 4


class Acronym(Kind):
    name = "acronym"
    summary = "flags an acronym that is neither well known nor spelled out in the post"
    fields = (
        Field("allow", (list,), default=[], check=optional_str_list,
              doc="acronyms never flagged: well known (NHS, GP), or flagged by another rule (CCG)"),
        Field("meanings", (dict,), default={}, check=_meanings,
              doc="acronym → what it stands for, shown in the message and accepted as its definition"),
        Field("words", (list,), default=[], check=optional_str_list,
              doc="words often written in capitals that are not acronyms (FREE, LIVE); "
                  "English stop words (NOT, ALL) are skipped anyway"),
        Field("common_words", (bool,), default=True,
              doc="capitals that spell a word of postlint's list of common English words (HATE, LEAVE), "
                  "or are drawn out (SOOO), are a shouted word, the all-caps pack's business, not an "
                  "acronym; `meanings` still wins"),
        Field("max_letters", (int,), default=6, check=positive,
              doc="longer runs of capitals are not acronyms, unless `meanings` has them"),
        Field("min_letters_unknown", (int,), default=3, check=positive,
              doc="shorter capitals (often initials: AB, SA) are flagged only when `meanings` has them"),
        Field("caps_ratio", (float,), default=0.5, check=ratio,
              doc="in a post whose letters are at least this share capitals (shouting, the all-caps "
                  "pack's business), flag only acronyms with a known meaning"),
        Field("extra_words", (int,), default=5, check=positive,
              doc="words a definition may span beyond the acronym's letters"),
    )
    placeholders = frozenset({"match", "acronym", "meaning", "suggestion"})

    def setup(self, line_of: Callable[[str], int]) -> None:
        self.allow = {a.upper() for a in self.params["allow"]}
        self.meanings = {k: " ".join(v.split()) for k, v in self.params["meanings"].items()}
        self._lowered = {k: v.lower() for k, v in self.meanings.items()}
        both = sorted(self.allow & set(self.meanings))
        if both:
            raise SpecError("meanings", f"{both[0]!r} is also in allow", line_of("meanings"))
        self.words = {w.upper() for w in self.params["words"]}
        if self.params["common_words"]:
            self.words |= common_words() - set(self.meanings)

    def prepare(self, compiler: Any) -> None:
        profile = compiler.profile
        known = {a.upper() for a in profile.get("acronyms") or []}
        # The organisation's own name ("... ICB") is not an unexplained acronym on its own account.
        for name in profile_names(profile):
            known.update(m.group(1) for m in CANDIDATE.finditer(name))
        self.known = self.allow | known
        self.words |= {w.upper() for w in compiler.nlp.Defaults.stop_words}

    def check(self, ctx: Any) -> Iterator[Hit]:
        text = ctx.text
        candidates = [m for m in CANDIDATE.finditer(text) if self._is_candidate(m.group(1))]
        if not candidates:
            return
        # in shouting only the acronyms the pack knows are told apart from shouted words
        # ("PLEASE USE SDEC"): any other run of capitals is the all-caps pack's business
        if self._mostly_capitals(ctx):
            candidates = [m for m in candidates if m.group(1) in self.meanings]
            if not candidates:
                return
            shouted: list[tuple[int, int]] = []
        else:
            shouted = self._shouted(text)
        defined: dict[str, int] | None = None
        low = ""
        seen: set[str] = set()
        for m in candidates:
            acronym = m.group(1)
            if acronym in seen or (acronym not in self.meanings and any(s <= m.start() < e for s, e in shouted)):
                continue
            if ctx.protected and ctx.protected_kind(*m.span()):
                continue
            seen.add(acronym)
            if defined is None:
                defined, low = self._defined(text), text.lower()
            # spelled out at its first use or before it, or its known meaning used by then
            # ("RSV, or respiratory syncytial virus, ...")
            if defined.get(acronym, len(text)) <= m.start() or (
                    acronym in self._lowered and -1 < low.find(self._lowered[acronym]) <= m.end() + MEANING_AFTER):
                continue
            yield self._hit(m, acronym)

    def _is_candidate(self, acronym: str) -> bool:
        """Capitals to check: of the lengths the rule takes, or any length `meanings` explains;
        not capitals faked with other characters ("𝗡𝗛𝗦", "ＮＨＳ"), which the accessibility pack
        asks to be written in plain letters, after which they are judged as any others."""
        if not acronym.isascii() and unicodedata.normalize("NFKC", acronym) != acronym:
            return False
        if acronym not in self.meanings and not (
                self.params["min_letters_unknown"] <= len(acronym) <= self.params["max_letters"]):
            return False
        if acronym in self.known or acronym in self.words or ROMAN.fullmatch(acronym):
            return False
        return not (self.params["common_words"] and drawn_out(acronym) and acronym not in self.meanings)

    def _hit(self, m: Any, acronym: str) -> Hit:
        meaning = self.meanings.get(acronym, "")
        plural = m.group(2)
        if meaning:
            suggestion = f"'{meaning}{plural} ({acronym}{plural})'"
        else:
            suggestion = f"the words in full followed by '({acronym}{plural})'"
        return Hit(m.start(), m.end(), {"match": m.group(), "acronym": acronym, "meaning": meaning,
                                        "suggestion": suggestion},
                   suggestions=(f"{meaning}{plural} ({acronym}{plural})",) if meaning else ())

    def _mostly_capitals(self, ctx: Any) -> bool:
        text = ctx.text
        bounds = [0] + [i for s, e, _ in ctx.protected for i in (s, e)] + [len(text)]
        prose = "".join(text[a:b] for a, b in zip(bounds[::2], bounds[1::2]))
        letters = NOT_LETTERS.sub("", prose)
        if letters.isascii():  # every ASCII letter is cased: count the capitals in C
            raw = letters.encode("ascii")
            upper, cased = len(raw) - len(raw.translate(None, _ASCII_UPPER)), len(raw)
        else:
            upper = sum(map(str.isupper, letters))
            cased = upper + sum(map(str.islower, letters))
        return bool(cased) and upper / cased >= self.params["caps_ratio"]

    def _shouted(self, text: str) -> list[tuple[int, int]]:
        """Runs of capitalised words that include an ordinary word ("GET YOUR FLU JAB"):
        shouting, which the all-caps pack reports, not acronyms. A run needs one of `words`
        in capitals, which most posts do not have: those are settled from the post's
        distinct words, without walking its words in order."""
        if not any(w.isupper() and w.upper() in self.words for w in _UNLOWERED_WORD.findall(text)):
            return []
        return self._shouted_runs(text)

    def _shouted_runs(self, text: str) -> list[tuple[int, int]]:
        """`_shouted`, found by walking the post's words in order."""
        out: list[tuple[int, int]] = []
        run: list[tuple[int, int, str]] = []
        for m in CAPS_WORD.finditer(text + " x"):
            word = m.group()
            if len(word) > 1 and word.isupper():
                run.append((m.start(), m.end(), word))
                continue
            if len(run) > 1 and any(w.upper() in self.words for _, _, w in run):
                out.append((run[0][0], run[-1][1]))
            run = []
        return out

    def _defined(self, text: str) -> dict[str, int]:
        """Where the post first spells out each acronym it spells out, in either order (the
        offset of the acronym in "primary care networks (PCNs)" or "PCN (primary care
        network)"): NHS style spells an acronym out the first time it is used, so one used
        before it is spelled out is still unexplained there. (`check` also takes as defined
        an acronym whose known meaning the post uses.)"""
        out: dict[str, int] = {}
        for m in SPELLED_BEFORE.finditer(text):
            acronym = m.group(1)
            span = words_before(text, m.start(), len(acronym) + self.params["extra_words"])
            if span and long_form(acronym, text[span[0].start():m.start()]):
                out[acronym] = min(out.get(acronym, m.start(1)), m.start(1))
        for m in SPELLED_AFTER.finditer(text):
            if long_form(m.group(1), m.group(2).strip()):
                out[m.group(1)] = min(out.get(m.group(1), m.start(1)), m.start(1))
        return out

