"""Each shortcut taken for speed gives exactly what the plain way gives: emoji
found run by run, protected spans found part by part (domains and addresses
around their TLD or "@"), the folded text of a post, the fancy-text gate,
the walk that skips matches in links, handles and hashtags, the topic
rule's vocabulary and embedded-word tests, the capitals rules' check for a word in
capitals, the report's JSON encoding, a human report's note kept whole without textwrap, a finding's positions found together,
findings made without the frozen `__init__`, sentences split from orth ids,
words found between the runs that hold a link, handle or hashtag, and a
post's words added up by sentence."""

from __future__ import annotations

import io
import json
import textwrap
import unicodedata

import emoji
import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint.context import PROTECTED_PARTS, PostContext, protected_spans
from postlint.emojis import _PRESENTATION, VS16, emoji_spans
from postlint.kinds.fancy import fancy_runs, may_have_runs, upside_down_runs
from postlint.model import Post
from postlint.prefilter import _SPACES, fold, fold_post
from postlint.report.human import HumanReporter
from postlint.report.spool import _RAW, dumps
from postlint.report.text import visible

EMOJI = sorted(emoji.EMOJI_DATA)[::37] + ["\u200d", VS16, "\ufe0e", "\u20e3", "🏽", "🏻", "🇬", "🇧", "©", "™",
                                          "\U000e0067", "\U000e007f", "#", "*", "1", "9"]
TEXT = ["a", " ", "é", "’", "\n", ".", "x", "Z"]


def plain_emoji_spans(text: str) -> list[tuple[int, int, str]]:
    """emoji_spans as it was: the emoji package on the whole text."""
    out = []
    for found in emoji.emoji_list(text):
        start, end, seq = found["match_start"], found["match_end"], found["emoji"]
        if len(seq) == 1 and not _PRESENTATION.match(seq):
            if text[end:end + 1] != VS16:
                continue
            end, seq = end + 1, seq + VS16
        out.append((start, end, seq))
    return out


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(EMOJI + TEXT), max_size=16))
def test_emoji_found_run_by_run_as_in_the_whole_text(parts):
    text = "".join(parts)
    assert emoji_spans(text) == plain_emoji_spans(text)


JOINED = regex.compile("|".join(f"(?P<p{i}>{p.pattern})" for i, (_, p) in enumerate(PROTECTED_PARTS)),
                       PROTECTED_PARTS[0][1].flags)
PIECES = ["a", "b.", "nhs.uk", "NHS.UK", "@x", "#t", "x@y.com", "http://", "https://", "www.", "WWW.", "/", "-",
          ".", "a.co", "@", "#", "&", " ", "1", "é", "_", "uk", "Com", "://x", ")", "’", "\n", "\t", "\u00a0",
          "\u212a", ".K", "+", "@a.b"]


def plain_protected(text: str) -> list[tuple[int, int, str]]:
    """protected_spans as it was: one joined pattern."""
    out = []
    for m in JOINED.finditer(text):
        kind = PROTECTED_PARTS[int(m.lastgroup[1:])][0]
        start, end = m.span()
        if kind == "url":
            while end > start and text[end - 1] in ".,;:!?)]}'\"’”":
                end -= 1
        out.append((start, end, kind))
    return out


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_protected_parts_one_by_one_as_joined(parts):
    text = "".join(parts)
    assert protected_spans(text) == plain_protected(text)


def plain_fold_post(text: str) -> str | None:
    """fold_post as it was: every character's category looked up, white space always replaced."""
    if any(unicodedata.category(c) == "Cn" for c in set(text)):
        return None
    return fold(_SPACES.sub(" ", text))


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["a", "Z", " ", "  ", "\t", "\n", "\r", "\u00a0", "\u2028", "\x1c", "\x85", "ı",
                                 "İ", "ß", "ẞ", "é", "😀", "\u0378", "K", "\u212a"]), max_size=12))
def test_fold_post_fast_paths_as_plain(parts):
    text = "".join(parts)
    assert fold_post(text) == plain_fold_post(text)


FANCY = ["𝐁", "𝒐", "Ｆ", "ⓐ", "🅰", "ℓ", "ᴀ", "ᵃ", "ɐ", "ʇ", "\u0336", "\u0332", VS16, "é", "😀", "a", " ", "\n"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(FANCY), max_size=10), st.booleans())
def test_fancy_gate_only_rules_out_texts_without_runs(parts, upside_down):
    text = "".join(parts)
    if not may_have_runs(text, upside_down):
        assert list(fancy_runs(text)) == []
        assert not upside_down or list(upside_down_runs(text)) == []


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["word", "Words", "x-y"]), max_size=12), st.integers(0, 30), st.integers(0, 30))
def test_unprotected_keeps_what_protected_kind_does_not_flag(parts, a, b):
    text = "".join(parts)
    ctx = PostContext(Post(text=text, path="t"), None)
    word = regex.compile(r"\w+|[@#.]")
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    expected = [m.span() for m in word.finditer(text, start, end) if not ctx.protected_kind(*m.span())]
    assert [m.span() for m in ctx.unprotected(word, start, end)] == expected
    assert ctx.touches_protected(start, end) == any(s < end and start < e for s, e, _ in ctx.protected)


@pytest.fixture(scope="module")
def prepared_linter(builtin_packs):
    """A linter of every built-in rule: its rules are prepared (the organisation profile,
    the stop words, the run's prefilter index)."""
    from postlint.linter import Linter
    from postlint.packs import all_rules

    return Linter(all_rules(builtin_packs))


def prepared_rule(linter, kind: str):
    return next(r for r in linter.rules if r.kind.name == kind)


@pytest.fixture(scope="module")
def topic_rule(prepared_linter):
    return prepared_rule(prepared_linter, "topic")


# Entries and text pieces at the edges of the vocabulary shortcut: stems, phrases, words
# joined by punctuation, entries outside ASCII or without a word, and characters that
# match ASCII letters when case is ignored (Kelvin sign, long s, dotless i, dotted I).
EDGE_ENTRIES = ["vaccin*", "nurse(s)", "board meeting", "A&E", "covid-*", "crisis café", "ſtaff", "K-9 unit",
                "🍺", "Ⓐ team", "flu jab*", "we're open", "e.coli", "111", "İnfo", "ıll", "ward 2", "-)"]
WORD_PIECES = ["nurse", "Nurses", "NHS", "vaccine", "VACCIN", "café", "cafe", "x", "ward", "2", "GP", "é", " ", "  ",
               "-", "‐", "'", "’", "1", "11", "board", "meeting", "football", "#", "@", "a", "A", "&", "e", ".", "coli",
               "staff", "ſtaff", "K", "k", "9", "unit", "🍺", "Ⓐ", "ⓐ", "team", "flu", "jab", "jabs", "we",
               "re", "open", "info", "İnfo", "ill", "ıll", "ͅ", "́", ")", "\n", "_", "Ⅷ"]


@pytest.fixture(scope="module")
def vocabularies(topic_rule):
    from postlint.kinds.vocabulary import vocabulary_regex

    kind = topic_rule.kind
    return [vocabulary_regex(EDGE_ENTRIES), kind.vocabulary, kind.context, kind.chatter]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORD_PIECES), max_size=12))
def test_a_vocabulary_matches_as_its_pattern_does(vocabularies, parts):
    text = "".join(parts)
    for vocabulary in vocabularies:
        found = vocabulary.regex.search(text) is not None
        assert vocabulary.contains(text) == found, (text, vocabulary.regex.pattern[:80])
        assert vocabulary.may_match(text) or not found, text


@pytest.mark.parametrize("text", ["Get vaccinated", "Our NURSES", "the Board  meeting", "A & E", "covid- 19",
                                  "cafe crisis", "K 9 unit", "k-9 UNIT", "STAFF", "ſtaff", "Ⓐ team",
                                  "ⓐ team", "cheers 🍺", "we’re open", "e.coli", "E. coli", "ill", "ILL", "nursery"])
def test_a_vocabulary_matches_edge_cases_as_its_pattern_does(vocabularies, text):
    vocabulary = vocabularies[0]
    assert vocabulary.contains(text) == (vocabulary.regex.search(text) is not None)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["#", "@", "health", "Health", "HEALTH", "heal", "th", "NHS", "nhs", "N", "HS", "GP",
                                 "gp", "vaccin", "ations", "ſ", "K", "é", "_", "1", "frontline", "Views"]),
                max_size=8))
def test_an_embedded_word_is_found_as_its_pattern_finds_it(topic_rule, parts):
    from postlint.kinds.vocabulary import embedded_regex

    tag = "".join(parts)
    for embedded in (topic_rule.kind.embedded, embedded_regex(["health*", "ill", "HIV", "NHS", "ſtaffing", "Kelvin"])):
        assert embedded.contains(tag) == (embedded.regex.search(tag) is not None), tag


@pytest.fixture(scope="module")
def caps_rules():
    from postlint.packs import all_rules, load_packs

    return [r for r in all_rules(load_packs()) if r.kind.name == "capitalisation"]


CAPS_PIECES = ["NHS", "GP", "A&E", "CLOSED", "Today", "today", "I", "A", "a", "É", "é", "Ǆ", "ǅ", "ǆ", "ß", "ẞ",
               " ", "\n", "\u00a0", "-", "'", "’", "&", "_", "1", "COVID-19", ".", "@NHS", "#GETJAB", "x.nhs.uk",
               "ㅋ", "ª", "ABC-def", "Ⅷ"]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(CAPS_PIECES), max_size=14))
def test_capitals_shortcut_rules_out_only_posts_without_words_in_capitals(caps_rules, parts):
    text = "".join(parts)
    for rule in caps_rules:
        ctx = PostContext(Post(text=text, path="t"), None)
        if not rule.kind._may_shout(ctx):
            words = rule.kind._scan(ctx)
            assert not any(caps and len(word) > 1 for _, _, word, caps in words)
            assert list(rule.kind.check(ctx)) == []


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=4) | st.integers(-2, 2), inner, max_size=4),
    max_leaves=12)


@settings(max_examples=1500, deadline=None)
@given(JSON_VALUES, st.sampled_from(["", "  ", "    "]))
def test_report_json_as_json_dumps_writes_it(value, pad):
    plain = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)
    assert dumps(value, pad) == _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", plain)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["a", "word", " ", "  ", "\t", "\n", "\u00a0", "é", "🙂", "-", "x" * 30]), max_size=12),
       st.integers(40, 90))
def test_a_note_wraps_as_textwrap_wraps_it(parts, width):
    body = "".join(parts)
    out = io.StringIO()
    reporter = HumanReporter(out, color=False)
    reporter.width = width
    reporter._note("try", body)
    lead = "    try  "
    expected = textwrap.wrap(visible(body), max(40, width - len(lead))) or [""]
    assert out.getvalue() == "".join((lead if i == 0 else " " * len(lead)) + line + "\n"
                                     for i, line in enumerate(expected))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "bc", "\n", "\r\n", "\r", " "]), max_size=10), st.integers(0, 40),
       st.integers(0, 40), st.integers(0, 3), st.booleans())
def test_span_position_as_position_and_end_position(parts, a, b, shift, indexed):
    from postlint.model import LineIndex

    text = "".join(parts)
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    segments = ((0, 0),) if not shift else ((0, 5), (len(text) // 2, 5 + len(text) // 2 + shift))
    lines = LineIndex.of("x" * 5 + "\n" * 3 + text * 2) if indexed else None
    post = Post(text=text, path="t", segments=segments, lines=lines)
    assert post.span_position(start, end) == (*post.position(start), *post.end_position(end))


def test_a_stamped_finding_is_the_finding_its_fields_make():
    from dataclasses import fields

    from postlint.model import Finding, Severity

    values = {f.name: f"{f.name}!" for f in fields(Finding)}
    values.update(post=2, line=1, column=3, end_line=1, end_column=9, start=2, end=8, severity=Severity.WARNING,
                  suggestions=("a",), fixable=True, row=4, context_start=1)
    stamped, made = Finding.stamped(**values), Finding(**values)
    assert stamped == made and hash(stamped) == hash(made) and repr(stamped) == repr(made)
    assert vars(stamped) == vars(made)


@pytest.fixture(scope="module")
def blank_nlp():
    from postlint.nlp import build_pipeline

    return build_pipeline()


SENTENCE_PIECES = ["Word", "word", "e.g.", "Dr.", "1.5", ".", "...", "!", "?", "‼", "。", "!?", " ", "  ", "\n", "'",
                   "\"", "’", "-", ")", "(", "#tag", "@you", "😀", ":)", "nhs.uk", "U.K.", "x.Y", "\u00a0", "a"]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SENTENCE_PIECES), max_size=14))
def test_sentence_spans_as_the_sentencizer_splits(blank_nlp, parts):
    from spacy.pipeline import Sentencizer

    from postlint.nlp import sentence_spans

    text = "".join(parts)
    plain = Sentencizer()(blank_nlp(text))
    assert sentence_spans(blank_nlp(text)) == [(s.start_char, s.end_char) for s in plain.sents]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["word", "Words", "x-y", "it’s", "  ", "5"]), max_size=14),
       st.integers(0, 40), st.integers(0, 40))
def test_unprotected_texts_as_the_walk_over_every_match(parts, a, b):
    from postlint.metrics import WORD

    text = "".join(parts)
    ctx = PostContext(Post(text=text, path="t"), None)
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    for pattern in (WORD, regex.compile(r"\w+")):
        assert ctx.unprotected_texts(pattern, start, end) == [m.group() for m in ctx.unprotected(pattern, start, end)]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SENTENCE_PIECES + PIECES + ["it’s", "x-y", "don't", "-5", "\r\n"]), max_size=14))
def test_post_words_added_up_by_sentence_as_read_from_the_whole_post(blank_nlp, parts):
    from postlint.metrics import _post_words, _prose_words

    text = "".join(parts)
    ctx = PostContext(Post(text=text, path="t"), blank_nlp(text))
    assert ctx.split_by_rule
    assert _post_words(ctx) == len(_prose_words(ctx, 0, len(text)))


FINDING_TEXT = st.text(st.sampled_from(["a", "\"", "\\", "\n", "\x00", "\x7f", "\x85", "\u2028", "\u202e", "\ud800",
                                        "é", "😀", " ", "/"]), max_size=6)


@settings(max_examples=1500, deadline=None)
@given(st.lists(FINDING_TEXT, min_size=7, max_size=7), st.lists(FINDING_TEXT, max_size=3),
       st.integers(0, 10 ** 6), st.none() | st.integers(0, 10 ** 6), st.sampled_from(["", "    "]))
def test_finding_json_as_dumps_writes_its_dict(texts, suggestions, number, row, pad):
    from postlint.model import Finding, Severity
    from postlint.report.json import finding_json

    path, rule, pack, message, explanation, source, match = texts
    f = Finding(path=path, post=number, line=1, column=number, end_line=2, end_column=3, start=0, end=1, rule=rule,
                pack=pack, severity=Severity.INFO, message=message, explanation=explanation, source=source,
                match=match, suggestions=tuple(suggestions), row=row)
    assert finding_json(f, pad) == dumps(f.to_json(), pad)


def plain_words(text: str) -> list[str]:
    """bag.words as it was: every substitution made in every post."""
    from postlint.bag import _HANDLE, _LINK, _NUMBER, _PLAIN, LINK

    text = _NUMBER.sub(" 0 ", _HANDLE.sub(" @ ", _LINK.sub(" \x00 ", text))).lower().replace("’", "'")
    return [LINK if w == "\x00" else w for w in _PLAIN.findall(text)]


BAG_PIECES = ["http", "HTTP", "https://", "www.", "WWW.", "x.org", "@", "@jo", "#", "#tag2", "10", "’", "'s",
              "é", "e\u0301", " ", "\n", "\u00a0", "\x1c", "\x1f", "\x85", "\u2003", "\u2028", ".", "h", "t", "p",
              "w", "_", "ŉ", "İ", "K",
              "Σ", "ΑΣ", "\x00"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(BAG_PIECES), max_size=14))
def test_bag_words_chunk_by_chunk_as_from_the_whole_text(parts):
    from postlint.bag import chunk_words, words

    text = "".join(parts)
    assert words(text) == plain_words(text)
    assert words(text) == plain_words(text)  # remembered chunks
    assert chunk_words(text) == plain_words(text)


@pytest.fixture(scope="module")
def acronym_rule(prepared_linter):
    return prepared_rule(prepared_linter, "acronym")


ACRONYM_PIECES = ["NOT", "ALL", "YOUR", "THE", "I'M", "I’M", "A", "I", "SDEC", "PCN", "flu", "Jab", "GET", "É",
                  "ß", "ẞ", "ǅ", "ª", "ǰ", "ㅋ", "&", "'", " ", "\n", "1", ".", "-", "#NOT", "@ALL"]


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(ACRONYM_PIECES), max_size=14))
def test_shouted_runs_settled_from_distinct_words_as_by_the_walk(acronym_rule, parts):
    text = "".join(parts)
    assert acronym_rule.kind._shouted(text) == acronym_rule.kind._shouted_runs(text)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(alphabet="abc ", min_size=1, max_size=4),
                       st.integers(-10**7, 10**7).map(lambda n: n / 1000) | st.floats(-50, 50),
                       min_size=1, max_size=12),
       st.floats(-10, 10), st.data())
def test_classifier_score_in_millionths_as_summed_exactly(weights, bias, data):
    from postlint.kinds.classifier import Classifier, model_score

    kind = Classifier.__new__(Classifier)
    kind.params = {"weights": weights, "bias": bias}
    kind.setup(lambda field: 1)
    feats = set(data.draw(st.lists(st.sampled_from(sorted(weights) + ["other"]), max_size=12)))
    assert kind.score(feats) == model_score(kind.weights, feats & kind.known, kind.bias)
    if all(round(w, 3) == w for w in weights.values()) and round(bias, 3) == bias:
        assert kind.micro is not None  # three decimals, as the trainer writes them: the fast sum


PATTERN_PIECES = ["off sick", "sick", "my shift", "your", "you're", "results", "NHS", "111", "07700 900123",
                  "hospital number", "RTX1234567", "Staffs ICB", "CCG", "Dear Mrs Smith", " ", "\n", ".", "@jo",
                  "#Sick", "https://x.org/sick", "DM", "me", "I", "ward", "é", "ẞ"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PATTERN_PIECES), max_size=12))
def test_pattern_rules_try_the_patterns_may_match_allows(prepared_linter, parts):
    from postlint.kinds.pattern import Pattern, may_match

    text = "".join(parts)
    ctx = PostContext(Post(text=text, path="t"), None, prepared_linter.compiler)
    for rule in prepared_linter.rules:
        kind = rule.kind
        if isinstance(kind, Pattern):
            allowed = may_match(ctx, kind.pattern_ids, kind.prefilters, kind.settled)
            assert kind._possible(ctx) == [k for k, may in enumerate(allowed) if may]


ALIGN_PIECES = ["a", "b", " ", '"', "'", "\\", "\\n", "\\u00e9", "\\ud83d\\udc4d", "\n", "\r\n", "\r", "  ", "é", "👍"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(ALIGN_PIECES), max_size=12), st.lists(st.sampled_from(ALIGN_PIECES), max_size=10),
       st.booleans(), st.sampled_from([None, 2]), st.integers(0, 3))
def test_align_finds_plain_text_in_one_step_as_by_the_walk(source, value, escapes, indent, lead):
    from postlint.readers.align import align, walk

    def plain_align(value: str, text: str, start: int, end: int, escapes: bool, indent: int | None):
        return walk(value, text, start, end, escapes, indent)  # every character walked

    text = "".join(source)
    value_text = "".join(value)
    start = min(lead, len(text))
    assert align(value_text, text, start, len(text), escapes=escapes, indent=indent) == \
        plain_align(value_text, text, start, len(text), escapes, indent)
    # and a value that is a piece of its source, as a reader gives it
    piece = text[start:]
    assert align(piece, text, start, len(text), escapes=escapes, indent=indent) == \
        plain_align(piece, text, start, len(text), escapes, indent)
