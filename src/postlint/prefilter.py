"""Cheap tests that rule a regular expression out before the regex engine runs.

Most pattern rules match nothing in most posts, yet running a pattern costs
tens of microseconds a post. Almost every pattern contains text that any match
must contain ("sick", "off the record"); if the post lacks it, the pattern
cannot match. `requirements` reads a pattern and returns that text as groups
(one string of each group must occur); `Prefilter` tests them with plain
substring searches, on the post's text or, where the pattern ignores case, on
its folded text.

The test must never say "no" when the pattern could match, so:
- only a well-understood subset of the syntax is read; anything else (verbose
  mode, fuzzy matching, set operations, conditionals ...) gives no requirement
  and the pattern always runs;
- only characters that no other character can match case-insensitively become
  required text as they are; others are skipped. ASCII is compared after full
  case folding (`fold`): for ASCII, the `regex` module's case-insensitive
  matching agrees with `str.casefold` except that "i" also matches dotless "ı"
  and dotted "İ" (which casefolds to "i" and a combining dot), both of which
  `fold` maps to "i" (tests/test_prefilter.py checks this against the
  installed `regex`);
- text is compared case-sensitively only where the pattern is certainly
  case-sensitive; otherwise folded, which is never wrong (an exact match is
  also a case-insensitive one);
- a string of ASCII word characters with `\\b` on both sides (`\\bI\\b`) must
  be a whole word of the post (a run of what the regex module's `\\w` matches;
  of the folded post unless compared case for case), not just somewhere in
  it: "i" is in every post, the word "I" is not. A letter the regex module
  matches for an ASCII one folds to it, and folding leaves word characters
  word characters, so the run of the folded post at a match is the folded
  word. Patterns whose `\\w` differs (ASCII, WORD or LOCALE mode) get no such
  strings.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Iterable, TypeVar

import regex

# Blocks with no cased characters: General Punctuation (’ – “), arrows to
# miscellaneous technical, box drawing to miscellaneous symbols and arrows, and
# the emoji and pictograph planes' blocks.
CASELESS = ((0x2000, 0x206F), (0x2190, 0x245F), (0x2500, 0x2BFF), (0x1F000, 0x1FAFF))
# Texts whose measures `_per_post` keeps: a post's text and folded text, for four batches,
# while they hold no more than this many characters in all.
PER_POST_TEXTS = 2048
PER_POST_CHARS = 2_000_000
# Strings an exact set may hold before it is summarised as a requirement.
LIMIT = 64
_QUANTIFIER = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_GROUP_NAME = re.compile(r"P?<[A-Za-z_]\w*>")
_FLAGS = re.compile(r"([imsfwau]*)(?:-([imsfwau]*))?([:)])")
# White space as `\s` sees it (the regex module's), and runs of spaces.
_SPACES = regex.compile(r"\s+")
_RUN_OF_SPACES = re.compile(" {2,}")
# Escapes for one character of a class, and zero-width ones; escapes for white space.
_CLASS_ESCAPES = set("dDSwW")
_SPACE_ESCAPES = set("stnrfv")
_ZERO_WIDTH = set("BAZzGmM")
# A word boundary (`\\b`) inside a string while a pattern is read, and a whole word as
# it is required of a post: the boundary on both sides of folded ASCII word characters.
BOUNDARY_MARK = "\x00"
_MARKS = re.compile("\x00+")
_WHOLE = re.compile("\x00([A-Za-z0-9_]+)\x00")
# Words as the regex module's \w sees them (the same \w as its \b).
_REGEX_WORD = regex.compile(r"\w+", regex.V1)
# Inline flags that change what \w and \b mean.
_WORD_FLAGS = re.compile(r"\(\?[a-zA-Z-]*[awL]")
# Escapes of one character given by its code or name: \n, \x41, \u2019, \N{...} (-1: braced).
_CHAR_ESCAPES = {"a": 0, "f": 0, "n": 0, "r": 0, "t": 0, "v": 0, "x": 2, "u": 4, "U": 8, "N": -1}


def fold(text: str) -> str:
    """Text as case-insensitive requirements are compared: full case folding, dotless and
    dotted capital i as i."""
    return text.replace("İ", "i").casefold().replace("ı", "i")


def fold_post(text: str) -> str | None:
    """A post's text as requirements are looked for: folded, with every run of white space
    (what `\\s` matches) as one space, so "off\\s+sick" can need "off sick". None when the
    post has a character this Python's Unicode data does not know: the `regex` module may
    be newer and know case rules for it (a new variant of ß matches "ss") that
    `str.casefold` cannot apply, so no prefilter can be trusted on that post."""
    if not text.isascii() and any(c > "\x7f" and unicodedata.category(c) == "Cn" for c in set(text)):
        return None
    # Printable text has no white space but the plain space (the rest is Separator or Other).
    spaced = text if text.isprintable() and "  " not in text else _SPACES.sub(" ", text)
    return spaced.lower() if spaced.isascii() else fold(spaced)


def _spaced(group: Group) -> Group:
    """A requirement as it is looked for in `fold_post` text: a string with white space in
    it is folded (the post's own text keeps its runs) and its runs of spaces made one."""
    return frozenset((case, s) if " " not in s else (False, _RUN_OF_SPACES.sub(" ", fold(s))) for case, s in group)


def comparable(ch: str) -> bool:
    """Whether a pattern's character may become required text: ASCII, or a block
    without case, so that no other character matches it case-insensitively."""
    return ch.isascii() or any(lo <= ord(ch) <= hi for lo, hi in CASELESS)


class Unsupported(Exception):
    """Syntax the reader does not know: the pattern gets no prefilter."""


# One required string: (compared exactly, the string); folded when not exactly.
Text = tuple[bool, str]
# One of these strings must be in the post.
Group = frozenset[Text]


def _useful(group: Group) -> bool:
    return bool(group) and all(s.strip(BOUNDARY_MARK) for _, s in group)


def _strength(group: Group) -> tuple[int, int]:
    """How much a group narrows things down: longer shortest string first, then fewer strings."""
    return (min(len(s.strip(BOUNDARY_MARK)) for _, s in group), -len(group))


def whole_word(s: str) -> str | None:
    """The word a requirement asks for whole ("\\x00i\\x00": the word "i"), or None."""
    if not s.startswith(BOUNDARY_MARK):
        return None
    m = _WHOLE.fullmatch(s)
    return m.group(1) if m else None


T = TypeVar("T")


def _per_post(measure: Callable[[str], T]) -> Callable[[str], T]:
    """`measure` with its answers for the texts of the latest posts kept (known by identity):
    the patterns of a post ask in turn about its text and its folded text, and the linter
    runs each rule over a batch of posts (`linter.BATCH_SIZE`) before the next, so the
    answers for every text of a batch are kept, and forgotten a few batches on (or sooner
    when the texts are long: keeping a text keeps it in memory)."""
    kept: dict[int, tuple[str, T]] = {}
    size = 0

    @functools.wraps(measure)
    def remembered(text: str) -> T:
        nonlocal size
        seen = kept.get(id(text))
        if seen is not None and seen[0] is text:  # a kept text is alive, so its id is its own
            return seen[1]
        answer = measure(text)
        if len(kept) >= PER_POST_TEXTS or size > PER_POST_CHARS:
            kept.clear()
            size = 0
        kept[id(text)] = (text, answer)
        size += len(text)
        return answer

    return remembered


@_per_post
def words_of(text: str) -> frozenset[str]:
    """The whole words of a post's text or folded text, for whole-word requirements."""
    return frozenset(_REGEX_WORD.findall(text))


@dataclass(frozen=True)
class Info:
    """What a piece of a pattern needs. `exact`: every string it can match, when
    there are few and all are known (else None); `need`: further groups that must
    be found somewhere (from a lookahead, say); `digits`: the fewest decimal digits
    (what `\\d` matches) any match of it holds."""

    exact: Group | None
    need: tuple[Group, ...] = ()
    digits: int = 0

    def groups(self) -> tuple[Group, ...]:
        if self.exact is not None and _useful(self.exact):
            return (self.exact, *self.need)
        return self.need


ANY = Info(None)  # any text, or text not known
EMPTY = Info(frozenset({(False, "")}))
BOUNDARY = Info(frozenset({(False, BOUNDARY_MARK)}))
# White space, one character or a run: one space in `fold_post` text.
SPACE = Info(frozenset({(False, " ")}))
MAYBE_SPACE = Info(frozenset({(False, ""), (False, " ")}))
# One decimal digit, of whatever script.
DIGIT = Info(None, digits=1)
_DIGITS = frozenset("0123456789")


def _product(a: Group, b: Group) -> Group | None:
    """Strings of `a` followed by strings of `b`, when few. A string compared case for case
    joined to a folded one ("He" and white space, " is") is folded: that is never wrong."""
    if len(a) * len(b) > LIMIT:
        return None
    out = set()
    for case_a, x in a:
        for case_b, y in b:
            # a boundary on its own has no case: it joins either kind of string
            real_x, real_y = x.strip(BOUNDARY_MARK), y.strip(BOUNDARY_MARK)
            if real_x and real_y and case_a != case_b:
                out.add((False, _MARKS.sub(BOUNDARY_MARK, fold(x) + fold(y))))
                continue
            out.add((case_a if real_x else case_b, _MARKS.sub(BOUNDARY_MARK, x + y)))
    return frozenset(out)


def _concat(items: list[Info]) -> Info:
    """A sequence: adjacent exact pieces combine into longer strings."""
    run: Group | None = EMPTY.exact
    need: list[Group] = []
    complete = True
    digits = sum(item.digits for item in items)
    for item in items:
        need.extend(item.need)
        joined = _product(run, item.exact) if run is not None and item.exact is not None else None
        if joined is not None:
            run = joined
            continue
        complete = False
        if run is not None and _useful(run):
            need.append(run)
        run = item.exact
    if complete:
        return Info(run, tuple(need), digits)
    if run is not None and _useful(run):
        need.append(run)
    return Info(None, tuple(need), digits)


def _alternation(branches: list[Info]) -> Info:
    """One of several branches: the union of what each needs most."""
    digits = min(b.digits for b in branches)
    if all(b.exact is not None for b in branches):
        union = frozenset().union(*(b.exact for b in branches))  # type: ignore[misc]
        if len(union) <= LIMIT:
            return Info(union, digits=digits)
    best = []
    for b in branches:
        groups = b.groups()
        if not groups:
            return Info(None, digits=digits)
        best.append(max(groups, key=_strength))
    return Info(None, (frozenset().union(*best),), digits)


def _repeat(item: Info, low: int, high: int | None) -> Info:
    if low == 0:
        if high == 1 and item.exact is not None:
            return Info(item.exact | EMPTY.exact)  # type: ignore[operator]
        return ANY
    if item.exact is not None and high == low and len(item.exact) ** low <= LIMIT:
        return _concat([item] * low)
    return Info(None, item.groups(), item.digits * low)


class _Reader:
    """A recursive-descent reader for the subset of `regex` syntax that packs use.
    `exact_case` says whether the text being read is certainly matched case-sensitively."""

    def __init__(self, pattern: str, ignore_case: bool) -> None:
        self.p = pattern
        self.i = 0
        # A flag switch without a colon, such as (?i), has a scope that differs between
        # regex versions: then case is never trusted.
        self.trust_case = not _FLAGS_SWITCH.search(pattern)
        self.exact_case = self.trust_case and not ignore_case

    def peek(self) -> str:
        return self.p[self.i] if self.i < len(self.p) else ""

    def read(self) -> Info:
        info = self.alternation()
        if self.i != len(self.p):
            raise Unsupported(f"unexpected {self.peek()!r}")
        return info

    def alternation(self) -> Info:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else _alternation(branches)

    def sequence(self) -> Info:
        items: list[Info] = []
        while self.peek() not in ("", "|", ")"):
            items.append(self.quantified(self.atom()))
        return _concat(items)

    def quantified(self, atom: Info) -> Info:
        ch = self.peek()
        if ch == "{":
            m = _QUANTIFIER.match(self.p, self.i)
            if not m or not (m.group(1) or m.group(3)):
                raise Unsupported("a brace that is not a plain repeat (fuzzy matching?)")
            low = int(m.group(1) or 0)
            high = low if not m.group(2) else (int(m.group(3)) if m.group(3) else None)
            self.i = m.end()
        elif ch in ("*", "+", "?"):
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[ch]
            self.i += 1
        else:
            return atom
        if self.peek() in ("?", "+"):  # lazy or possessive: the same text is needed
            self.i += 1
        if self.peek() in ("*", "+", "?", "{"):
            raise Unsupported("stacked quantifiers")
        if atom is SPACE:  # any run of white space is one space in the post as compared
            return SPACE if low else MAYBE_SPACE
        return _repeat(atom, low, high)

    def atom(self) -> Info:
        ch = self.peek()
        self.i += 1
        if ch == "(":
            return self.group()
        if ch == "[":
            return self.char_set()
        if ch == "\\":
            return self.escape()
        if ch in ("^", "$"):
            return EMPTY
        if ch == ".":
            return ANY
        if ch in ("*", "+", "?", "{"):
            raise Unsupported(f"nothing to repeat before {ch!r}")
        return self.literal(ch)

    def literal(self, ch: str) -> Info:
        if _SPACES.fullmatch(ch):
            return SPACE
        if not comparable(ch):
            return ANY
        return Info(frozenset({(self.exact_case, ch if self.exact_case else fold(ch))}), digits=int(ch in _DIGITS))

    def escape(self) -> Info:
        ch = self.peek()
        self.i += 1
        if not ch:
            raise Unsupported("trailing backslash")
        if not ch.isalnum():
            return self.literal(ch)
        if ch == "b":
            return BOUNDARY
        if ch in _ZERO_WIDTH:
            return EMPTY
        if ch in _SPACE_ESCAPES:
            return SPACE
        if ch == "d":
            return DIGIT
        if ch in _CLASS_ESCAPES:
            return ANY
        if ch in "pP":
            self.braced(optional=True)
            return ANY
        if ch in _CHAR_ESCAPES:
            self.char_code(ch)
            return ANY
        if ch in "123456789" and not self.peek().isdigit():
            return ANY  # a back-reference: text of unknown length
        raise Unsupported(f"escape \\{ch}")

    def char_code(self, ch: str) -> None:
        """Skip the code after \\x, \\u, \\U, or the name after \\N."""
        digits = _CHAR_ESCAPES[ch]
        if digits == -1 or (ch == "x" and self.peek() == "{"):
            self.braced(optional=False)
            return
        code = self.p[self.i:self.i + digits]
        if len(code) != digits or not all(c in "0123456789abcdefABCDEF" for c in code):
            raise Unsupported(f"escape \\{ch} without its code")
        self.i += digits

    def braced(self, optional: bool) -> None:
        """Skip `{...}` after \\p; a one-letter property (\\pL) has none."""
        if self.peek() == "{":
            end = self.p.find("}", self.i)
            if end == -1:
                raise Unsupported("unclosed brace")
            self.i = end + 1
        elif optional and self.peek().isalpha():
            self.i += 1
        else:
            raise Unsupported("escape without its name")

    def char_set(self) -> Info:
        """A set of characters: exactly those characters when it lists a few plain ones."""
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        chars: set[str] = set()
        plain = not negated
        digits = not negated  # every member a digit: [0-9], [\d], [0-5]
        first = True
        while True:
            ch = self.peek()
            if not ch:
                raise Unsupported("unclosed set")
            if ch == "]" and not first:
                self.i += 1
                break
            first = False
            if ch == "[" or self.p.startswith(("&&", "||", "--", "~~"), self.i):
                raise Unsupported("nested set or set operation")
            self.i += 1
            if ch == "\\":
                esc = self.peek()
                self.i += 1
                if esc and not esc.isalnum():
                    chars.add(esc)
                    continue
                if esc in _SPACE_ESCAPES:
                    chars.add(" ")
                    continue
                plain = False
                digits = digits and esc == "d"
                if esc in "pP":
                    self.braced(optional=True)
                elif esc in _CHAR_ESCAPES:
                    self.char_code(esc)
                elif esc not in _CLASS_ESCAPES:
                    raise Unsupported(f"escape \\{esc} in a set")
            elif ch == "-" and chars and self.peek() != "]":
                plain = False  # a range
                digits = digits and self.peek() in _DIGITS
            else:
                chars.add(ch)
        digits = digits and all(c in _DIGITS for c in chars)
        if digits:
            return DIGIT
        chars = {" " if _SPACES.fullmatch(c) else c for c in chars}
        if plain and chars == {" "}:
            return SPACE
        if not (plain and chars and len(chars) <= 16 and all(comparable(c) for c in chars)):
            return ANY
        return Info(frozenset((self.exact_case, c if self.exact_case else fold(c)) for c in chars))

    def group(self) -> Info:
        lookaround = ""
        saved = self.exact_case
        if self.peek() == "?":
            self.i += 1
            rest = self.p[self.i:]
            if rest.startswith((":", ">")):
                self.i += 1
            elif rest.startswith(("=", "<=")):
                self.i += 1 if rest[0] == "=" else 2
                lookaround = "positive"
            elif rest.startswith(("!", "<!")):
                self.i += 1 if rest[0] == "!" else 2
                lookaround = "negative"
            elif rest.startswith("#"):
                end = self.p.find(")", self.i)
                if end == -1:
                    raise Unsupported("unclosed comment")
                self.i = end + 1
                return EMPTY
            elif m := _GROUP_NAME.match(self.p, self.i):
                self.i = m.end()
            elif m := _FLAGS.match(self.p, self.i):
                self.i = m.end()
                if m.group(3) == ")":  # a switch; it makes trust_case False (see __init__)
                    return EMPTY
                if "i" in (m.group(1) or ""):
                    self.exact_case = False
                elif "i" in (m.group(2) or ""):
                    self.exact_case = self.trust_case
            else:
                raise Unsupported(f"group (?{rest[:2]}")
        inner = self.alternation()
        self.exact_case = saved
        if self.peek() != ")":
            raise Unsupported("unclosed group")
        self.i += 1
        if lookaround == "positive":  # its text is needed, but not next to its neighbours
            return Info(EMPTY.exact, inner.groups())
        return EMPTY if lookaround else inner


_FLAGS_SWITCH = re.compile(r"\(\?[a-zA-Z]*(?:-[a-zA-Z]*)?\)")


# Requirements worked out in this process, by (pattern, ignore_case, verbose): reading
# hundreds of patterns takes a while, so the pack cache keeps them (see `known`).
_KNOWN: dict[tuple[str, bool, bool, bool], tuple[tuple[Group, ...], int]] = {}


def _analysis(pattern: str, ignore_case: bool, verbose: bool, words: bool) -> tuple[tuple[Group, ...], int]:
    key = (pattern, ignore_case, verbose, words)
    found = _KNOWN.get(key)
    if found is None:
        found = _KNOWN[key] = _read(pattern, ignore_case, verbose, words)
    return found


def requirements(pattern: str, ignore_case: bool, verbose: bool = False, words: bool = True) -> tuple[Group, ...]:
    """Groups a match of `pattern` needs (one string of each in the text), most
    selective first; empty when nothing is known for sure. `words`: whether the
    pattern's \\w is the regex module's Unicode one, so that whole words can be asked for."""
    return _analysis(pattern, ignore_case, verbose, words)[0]


def digits_needed(pattern: str, ignore_case: bool, verbose: bool = False, words: bool = True) -> int:
    """The fewest decimal digits a match of `pattern` holds (an NHS number's ten):
    a post with fewer cannot match, whatever its words."""
    return _analysis(pattern, ignore_case, verbose, words)[1]


def _read(pattern: str, ignore_case: bool, verbose: bool, words: bool) -> tuple[tuple[Group, ...], int]:
    if verbose:
        return (), 0
    try:
        info = _Reader(pattern, ignore_case).read()
    except (Unsupported, RecursionError):
        return (), 0
    words = words and not _WORD_FLAGS.search(pattern)
    groups = {_shortest(_finished(_spaced(g), words)) for g in info.groups() if _useful(g)}
    return tuple(sorted(groups, key=_strength, reverse=True)), info.digits


def _finished(group: Group, words: bool) -> Group:
    """Boundaries kept only where they make a whole word (ASCII word characters between
    two), and taken out of every other string."""
    out = set()
    for case, s in group:
        if not (words and _WHOLE.fullmatch(s)):
            s = s.replace(BOUNDARY_MARK, "")
        out.add((case, s))
    return frozenset(out)


def known() -> list[Any]:
    """Every requirement worked out so far, as JSON-ready lists (for the pack cache)."""
    return [[p, ic, vb, w, [sorted(map(list, g)) for g in groups], digits]
            for (p, ic, vb, w), (groups, digits) in _KNOWN.items()]


def remember(entries: list[Any]) -> None:
    """Take back requirements `known` gave, so these patterns need not be read again."""
    for p, ic, vb, w, groups, digits in entries:
        _KNOWN[(p, ic, vb, w)] = (tuple(frozenset((bool(c), s) for c, s in g) for g in groups), int(digits))


@_per_post
def decimals(text: str) -> int:
    """How many decimal digits (what `\\d` matches) `text` holds."""
    return sum(map(text.count, "0123456789")) if text.isascii() else sum(map(str.isdecimal, text))


def _shortest(group: Group) -> Group:
    """Without strings that contain another of the group compared the same way ("ccgs" when
    "ccg" is there): finding the shorter one is enough."""
    kept: list[Text] = []
    for case, s in sorted(group, key=lambda t: len(t[1])):
        if not any(c == case and t in s for c, t in kept):
            kept.append((case, s))
    return frozenset(kept)


# A group as it is tested: strings to find anywhere, words to find whole in the folded text
# and words to find whole, case for case, in the text.
Check = tuple[tuple[Text, ...], frozenset[str], frozenset[str]]


class Prefilter:
    """A pattern's requirements, tested on a post's text and folded text: strings, and
    how many digits the post must hold."""

    __slots__ = ("groups", "digits", "_checks", "_exact")

    def __init__(self, groups: Iterable[Group], digits: int = 0) -> None:
        self.groups = tuple(tuple(sorted(g, key=lambda t: (len(t[1]), t))) for g in groups)
        self.digits = digits
        self._checks: tuple[Check, ...] | None = None
        self._exact: tuple[Check, ...] | None = None

    def _checks_of(self) -> tuple[Check, ...]:
        """Each group as its strings to find anywhere, and its words to find whole in the
        folded text and, compared case for case, in the text; worked out when first asked
        (most prefilters of a short run never are: the index rules them out)."""
        self._checks = tuple((tuple(t for t in g if whole_word(t[1]) is None),
                              frozenset(w for c, s in g if not c and (w := whole_word(s)) is not None),
                              frozenset(w for c, s in g if c and (w := whole_word(s)) is not None))
                             for g in self.groups)
        return self._checks

    def __bool__(self) -> bool:
        return bool(self.groups) or self.digits > 0

    def may_match(self, text: str, folded: str | None) -> bool:
        """False only when the pattern cannot match `text` (`folded` is `fold_post(text)`).
        Digits are counted only where `folded` vouches that this Python knows every
        character (a digit it does not know could still be one to the regex module)."""
        return self._holds(text, folded, self._checks or self._checks_of())

    def confirms(self, text: str, folded: str | None) -> bool:
        """`may_match` for a post the run's index allows this prefilter: the index has found
        a string of every group, folded, so only digits and the groups with strings compared
        case for case are left to test."""
        if self._exact is None:
            self._exact = tuple(c for c, g in zip(self._checks or self._checks_of(), self.groups)
                                if any(exact for exact, _ in g))
        return self._holds(text, folded, self._exact)

    def _holds(self, text: str, folded: str | None, checks: tuple[Check, ...]) -> bool:
        if folded is None:
            return True
        if self.digits and decimals(text) < self.digits:
            return False
        for strings, folded_words, exact_words in checks:
            for exact_case, s in strings:
                if s in (text if exact_case else folded):
                    break
            else:
                if not (folded_words and not folded_words.isdisjoint(words_of(folded))
                        or exact_words and not exact_words.isdisjoint(words_of(text))):
                    return False
        return True
