"""The pattern prefilter may only ever say "cannot match" when the pattern really
cannot match: checked against the installed `regex` module's case rules, on
unit patterns, and on every built-in pattern against pack examples and
generated texts."""

from __future__ import annotations

import string
import unicodedata

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint.kinds.pattern import Pattern, prefilter, settled_by_index
from postlint import index as index_module
from postlint.index import Index
from postlint.prefilter import (CASELESS, Prefilter, decimals, digits_needed, fold, fold_post, requirements,
                                whole_word)

FLAGS = regex.V1 | regex.MULTILINE | regex.IGNORECASE


def _chars_with_case() -> list[str]:
    """Every character Python knows that changes under any case mapping, Python's or regex's
    (a post with a character Python does not know is never prefiltered: see fold_post)."""
    from regex import _regex

    out = []
    for cp in range(0x110000):
        c = chr(cp)
        if unicodedata.category(c) in ("Cn", "Cs"):
            continue
        if c.casefold() != c or c.lower() != c or c.upper() != c or _regex.fold_case(FLAGS, c) != c:
            out.append(c)
    return out


@pytest.fixture(scope="module")
def cased() -> list[str]:
    return _chars_with_case()


@pytest.mark.parametrize("flags", [FLAGS, regex.V0 | regex.IGNORECASE], ids=["full-case", "simple-case"])
def test_regex_ignore_case_agrees_with_fold_for_ascii(cased, flags):
    bad = []
    for x in string.ascii_letters + string.digits:
        p = regex.compile(regex.escape(x), flags)
        bad += [(x, c) for c in cased if p.search(c) and fold(x) not in fold(c)]
    for pair in ("ss", "st", "ff", "fi", "fl", "ffi", "ffl"):
        p = regex.compile(pair, flags)
        bad += [(pair, c) for c in cased if p.search(c) and pair not in fold(c)]
    assert bad == []


@pytest.mark.parametrize("flags", [FLAGS, regex.V0 | regex.IGNORECASE], ids=["full-case", "simple-case"])
def test_a_letter_matched_for_an_ascii_one_folds_to_it(cased, flags):
    """So a whole word found case-insensitively is the same word in the folded post."""
    bad = [(x, c) for x in string.ascii_letters + string.digits for c in cased
           if regex.fullmatch(regex.escape(x), c, flags) and fold(c) != fold(x)]
    assert bad == []


def test_caseless_blocks_have_no_case(cased):
    inside = [c for c in cased if any(lo <= ord(c) <= hi for lo, hi in CASELESS)]
    from regex import _regex

    onto = [c for c in cased if any(lo <= ord(f) <= hi for f in _regex.fold_case(FLAGS, c) for lo, hi in CASELESS)]
    assert inside == [] and onto == []


def strings(groups) -> list[set[str]]:
    return [{s for _, s in g} for g in groups]


@pytest.mark.parametrize("pattern, ignore_case, expected", [
    (r"\boff\s+sick\b", True, [{"off sick"}]),
    (r"\boff[ \t]*sick\b", True, [{"off sick", "\x00offsick\x00"}]),
    (r"CCGs?\b", True, [{"ccg"}]),  # "ccgs" holds "ccg": finding that is enough
    (r"\bCCGs?\b", True, [{"\x00ccg\x00", "\x00ccgs\x00"}]),  # either whole word
    (r"(?a)\bCCG\b", True, [{"ccg"}]),  # ASCII mode's \b is not the words looked up
    (r"(?-i:\bSTPs?\b)", True, [{"\x00STP\x00", "\x00STPs\x00"}]),
    (r"\bMr\.?\s+[A-Z]", False, [{"mr ", "mr. "}]),  # case for case, but white space is compared folded
    (r"\bI['’]m\b", True, [{"i'm", "i’m"}]),
    (r"(?=[^.]*\bsick\b)\bcall", True, [{"call"}, {"\x00sick\x00"}]),
    (r"\bI\b|\bno\s+one\b", True, [{"\x00i\x00", "no one"}]),
    (r"management|(?-i:\bHR\b)", True, [{"management", "\x00HR\x00"}]),
    (r"(?i)ABC", False, [{"abc"}]),
    (r"[🙄🙃]|useless", True, [{"🙄", "🙃", "useless"}]),
])
def test_requirements(pattern, ignore_case, expected):
    assert sorted(map(sorted, strings(requirements(pattern, ignore_case)))) == sorted(map(sorted, expected))


@pytest.mark.parametrize("pattern", [
    r"abc{e<=1}", r"[[a-z]--[aeiou]]x", r"(?x) a b c", r"\d{3}\S\d{4}", r"(?(1)a|b)", r"\Kabc|x",
    r"(?|(a)|(b))", r"\g<1>abc", r"abc|\w+", r"(?:abc)?", r"(abc)*", "",
])
def test_no_requirement_when_unsure_or_optional(pattern):
    assert requirements(pattern, True) == ()


def test_a_post_with_a_character_python_does_not_know_is_never_ruled_out():
    unknown = next(chr(cp) for cp in range(0x1DF00, 0x1E000) if unicodedata.category(chr(cp)) == "Cn")
    assert fold_post("off sick" + unknown) is None
    gate = Prefilter(requirements("ss", True))
    assert gate.may_match("x" + unknown, fold_post("x" + unknown))
    assert not gate.may_match("x", fold_post("x"))
    index = Index()
    ids = [index.add(gate), index.add(Prefilter(requirements("abc", True)))]
    assert index.possible(None) == set(ids)


def test_verbose_patterns_are_not_read():
    assert requirements("abc", True, verbose=True) == ()


def test_white_space_runs_are_one_space():
    gate = Prefilter(requirements(r"\boff\s+sick\b", True))
    for text in ["off sick", "OFF\t\n  sick", "off\u2003sick"]:
        assert gate.may_match(text, fold_post(text)), text
    assert not gate.may_match("off, sick", fold_post("off, sick"))


def test_prefilter_compares_exact_case_on_the_text():
    gate = Prefilter(requirements(r"(?-i:\bHR\b)", True))
    assert gate.may_match("Ask HR", fold_post("Ask HR"))
    assert not gate.may_match("three", fold_post("three"))
    assert not Prefilter(requirements(r"\bI\s+am\s+sick", True)).may_match("we are well", "we are well")
    assert Prefilter(requirements(r"\bI\s+am", True)).may_match("ı AM", fold_post("ı AM"))


def _builtin_patterns(packs) -> list[tuple[str, regex.Pattern, Prefilter]]:
    return [(r.id, p, gate) for pack in packs for r in pack.rules if isinstance(r.kind, Pattern)
            for p, gate in zip(r.kind.patterns, r.kind.prefilters)]


def test_builtin_patterns_never_miss_a_pack_example(builtin_packs):
    texts = [ex.text for pack in builtin_packs for r in pack.rules for ex in r.flag + r.passes]
    missed = [(rid, t[:60]) for rid, p, gate in _builtin_patterns(builtin_packs)
              for t in texts if p.search(t) and not gate.may_match(t, fold_post(t))]
    assert missed == []
    # And the prefilters do their job: most patterns have one.
    gated = [gate for _, _, gate in _builtin_patterns(builtin_packs) if gate]
    assert len(gated) >= 0.9 * len(_builtin_patterns(builtin_packs))


WORDS = ["I", "i", "am", "off", "sick", "today", "my", "manager", "HR", "hr", "DM", "me", "your", "results",
         "ward", "Mr", "Smith", "’", "'", "m", "ı", "İ", "ß", "K", "ﬁ", "🙄", "CCG", "nhs", "07700 900461", "\n", ".", "!",
         "²", "\u0301", "\u0345", "_", "ǅ", "Ⓐ", "1", "no", "one", "you", "ve"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=14), st.lists(st.sampled_from([" ", "", "  ", "-", "\t", "\n ", "\u00a0", "\u2003"]), max_size=14))
def test_builtin_patterns_never_miss_generated_text(builtin_packs, words, gaps):
    text = "".join(w + (gaps[i] if i < len(gaps) else " ") for i, w in enumerate(words))
    folded = fold_post(text)
    for rid, p, gate in _builtin_patterns(builtin_packs):
        if p.search(text):
            assert gate.may_match(text, folded), (rid, p.pattern, text)


def _holds(s: str, folded: str) -> bool:
    """A folded requirement, the plain way: a whole word among the post's words, else anywhere."""
    word = whole_word(s)
    return word in regex.findall(r"\w+", folded, flags=regex.V1) if word is not None else s in folded


def _allowed(gates: list[Prefilter], ids: list[int], folded: str) -> set[int]:
    """What the index must say, the plain way: a string of every group of a prefilter, folded
    (a whole word among the post's words, else anywhere)."""
    words = set(regex.findall(r"\w+", folded, flags=regex.V1))

    def holds(s: str) -> bool:
        word = whole_word(s)
        return word in words if word is not None else s in folded

    return {i for i, g in zip(ids, gates) if all(any(holds(fold(s)) for _, s in group) for group in g.groups)}


def test_index_finds_what_each_prefilter_needs():
    patterns = [r"\bsick\b", r"\bsickness\b", r"ill\b", r"(?-i:HR)", r"\d+", r"manage(?:r|ment)", r"\bI\b",
                r"\bno\b", r"\b(?:an?|the)\b", r"\boff\s+sick\b", r"blood pressure (?:is|was)\b", r" - ",
                r"\bno one else\b", r"(?:my|the) (?:ward|shift)", r"sick(?=.*\btoday\b)", r"\s", r"e s"]
    index = Index()
    gates = [prefilter(regex.compile(p, FLAGS)) for p in patterns]
    ids = [index.add(g) for g in gates]
    for text in ["Off sick", "sickness absence", "will do", "hr team", "HR team", "the 3rd", "management", "",
                 "I'm in", "in my view", "No.", "know nothing", "a/b", "x²i", "theatre", "İ", "off  sick today",
                 " off sick ", "blood pressure was", "xblood pressure iss", "a - b", "no one else", "no one",
                 "no one elsewhere", "on the ward", "the shift\nsick", "one  sick\tday", "the s"]:
        folded = fold_post(text)
        assert index.possible(folded) == _allowed(gates, ids, folded), text


def test_index_answers_the_builtin_patterns_as_the_plain_way(builtin_packs, monkeypatch):
    """Every group of every built-in pattern, over the pack examples twice, so that the second
    time the chunks and pairs the index remembers answer; then remembering only 3 of them."""
    gates = [gate for _, _, gate in _builtin_patterns(builtin_packs)]
    texts = list(dict.fromkeys(ex.text for pack in builtin_packs for r in pack.rules for ex in r.flag + r.passes))
    folded = [fold_post(text) for text in texts]
    expected = [_allowed(gates, list(range(len(gates))), f) for f in folded]
    for remembered in (index_module.CACHE_CHUNKS, 3):
        monkeypatch.setattr(index_module, "CACHE_CHUNKS", remembered)
        index = Index()
        assert [index.add(g) for g in gates] == list(range(len(gates)))
        for number in range(2 * len(texts)):
            k = number % len(texts)
            assert index.possible(folded[k]) == expected[k], (remembered, number, texts[k])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS + ["blood", "pressure", "is", "the", "on", "shift", "off", "work"]), max_size=14),
       st.lists(st.sampled_from([" ", "", "  ", "-", "\t", "\n ", "\u00a0", "\u2003"]), max_size=14))
def test_index_answers_generated_text_as_the_plain_way(builtin_packs, words, gaps):
    text = "".join(w + (gaps[i] if i < len(gaps) else " ") for i, w in enumerate(words))
    folded = fold_post(text)
    index, gates, ids = _builtin_index(builtin_packs)
    assert index.possible(folded) == _allowed(gates, ids, folded), text


_INDEX: list[tuple[Index, list[Prefilter], list[int]]] = []


def _builtin_index(packs) -> tuple[Index, list[Prefilter], list[int]]:
    """One index of the built-in patterns for all generated texts (its memory is tested too)."""
    if not _INDEX:
        gates = [gate for _, _, gate in _builtin_patterns(packs)]
        index = Index()
        _INDEX.append((index, gates, [index.add(g) for g in gates]))
    return _INDEX[0]


@pytest.mark.parametrize("pattern, digits", [
    (r"\d{3}([ -]?)\d{3}\1\d{4}", 10),
    (r"(?:\d{3}|\d{4})-x", 3),
    (r"[0-9]+", 1),
    (r"[\d]{2,5}", 2),
    (r"\d*", 0),
    (r"\d?x", 0),
    (r"(?=\d{5})\w+", 0),  # a lookahead's digits may be the match's own
    (r"(?!\d)x", 0),
    (r"[\d\s]{10}", 0),
    (r"[^0-9]{4}", 0),
    (r"[0-z]{4}", 0),
    (r"\D{4}", 0),
    (r"a1b2", 2),
    (r"(?:ab|1)", 0),
    (r"(\d)\1{9}", 1),  # a back-reference counts for nothing
    (r"(?x) \d{10}", 0),  # verbose: not read at all
])
def test_digits_a_match_needs(pattern, digits):
    assert digits_needed(pattern, True) == digits
    compiled = regex.compile(pattern, FLAGS)
    for text in ["1234567890", "123-456-7890", "1" * 12, "x", "ab", "a1b2", "٣٣٣-٣٣٣-٣٣٣٣"]:
        if compiled.search(text):
            assert decimals(text) >= digits


def test_a_post_with_too_few_digits_is_ruled_out():
    gate = Prefilter((), digits_needed(r"\d{3} ?\d{3} ?\d{4}", False))
    assert gate.digits == 10
    assert not gate.may_match("call 0800 123 45", fold_post("call 0800 123 45"))
    assert gate.may_match("call 0800 123 4567", fold_post("call 0800 123 4567"))
    arabic = "رقم ٠١٢٣٤٥٦٧٨٩"  # ten Arabic-Indic digits, which \d matches
    assert regex.search(r"\d{10}", arabic) and gate.may_match(arabic, fold_post(arabic))
    assert not settled_by_index(gate)  # the index knows nothing of digits: the gate must be asked


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 -x٣\u0660", max_size=30))
def test_digit_counts_never_rule_out_a_match(text):
    for pattern in [r"\d{3}([ -]?)\d{3}\1\d{4}", r"(?:\d{2}|x\d)\d", r"[0-9]{2}-[\d]"]:
        if regex.search(pattern, text, FLAGS):
            assert decimals(text) >= digits_needed(pattern, True), (pattern, text)


WORD_PATTERNS = [r"(?-i:\bHe\b)", r"(?-i:\b[Ss]he\b|\bK\b)", r"\bI\b", r"\bno\s+one\b", r"\byou(?:r|['’]ve)?\b", r"\b(?:ss|x|k)\b", r"\bfi\b", r"\bi\b\S",
                 r"(?<!\w)i\b", r"\bve\b", r"\b_\b", r"\ba\b", r"\b1\b"]
PIECES = ["He", "he", "HE", "She", "she", "I", "i", "no", "one", "you", "your", "ve", "ss", "ß", "x", "K", "k", "ﬁ", "fi", "a", "Ⓐ", "ǅ", "İ", "ı",
          "1", "_", "²", "\u0301", "\u0345", "é", "’", "'", " ", "\n", "-", ".", "\u00a0", "🙄", "x²"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10))
def test_whole_words_are_never_asked_of_a_post_that_matches(parts):
    """A pattern's \\b-bounded words are looked up among the folded post's words: every post
    a pattern matches must still pass, whatever sits next to the word (marks, superscripts,
    letters that fold to two, underscores)."""
    text = "".join(parts)
    folded = fold_post(text)
    index = Index()
    gates = [prefilter(regex.compile(p, FLAGS)) for p in WORD_PATTERNS]
    ids = [index.add(g) for g in gates]
    allowed = index.possible(folded)
    for p, gate, i in zip(WORD_PATTERNS, gates, ids):
        if regex.search(p, text, FLAGS):
            assert gate.may_match(text, folded) and i in allowed, (p, text)


def test_per_post_answers_are_kept_for_a_batch_and_long_texts_let_go():
    """The linter asks about each post of a batch rule after rule, so every answer of a
    batch is remembered; texts holding many characters in all are let go, not kept alive."""
    from postlint import prefilter

    calls: list[str] = []
    measure = prefilter._per_post(lambda text: calls.append(text) or len(text))
    texts = [f"post number {i}" for i in range(600)]
    for _ in range(2):
        assert [measure(t) for t in texts] == [len(t) for t in texts]
    assert len(calls) == 600
    big = ["x" * (prefilter.PER_POST_CHARS // 2) + str(i) for i in range(3)]
    for text in big:
        measure(text)
    measure(texts[0])
    assert calls[-1] is texts[0] and len(calls) == 604
