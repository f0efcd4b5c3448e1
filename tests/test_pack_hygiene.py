"""Checks the built-in packs as data: ids, examples, sources and word lists."""

from __future__ import annotations

import collections

from postlint.kinds.phrases import expand
from postlint.packs import all_rules

EXPECTED_MIN = {"all-caps": (8, 12), "nhs-jargon": (15, 15), "brand": (15, 15), "platform": (25, 30),
                "accessibility": (70, 70), "confidentiality": (15, 15), "patient-contact": (15, 15),
                "conduct": (15, 15)}


def test_pack_ids_unique(builtin_packs):
    ids = [p.id for p in builtin_packs]
    assert len(ids) == len(set(ids))


def test_rule_ids_unique(builtin_packs):
    ids = [r.id for r in all_rules(builtin_packs)]
    dupes = [i for i, n in collections.Counter(ids).items() if n > 1]
    assert not dupes


def test_every_rule_has_both_kinds_of_example(builtin_packs):
    for rule in all_rules(builtin_packs):
        assert rule.flag and rule.passes, rule.id


def test_examples_are_not_both_flag_and_pass(builtin_packs):
    for rule in all_rules(builtin_packs):
        # The same text may flag on one platform and pass on another.
        assert not set(rule.flag) & set(rule.passes), rule.id


def test_pack_example_counts(builtin_packs):
    for pack in builtin_packs:
        if pack.id in EXPECTED_MIN:
            flags = sum(len(r.flag) for r in pack.rules)
            passes = sum(len(r.passes) for r in pack.rules)
            need_flag, need_pass = EXPECTED_MIN[pack.id]
            assert flags >= need_flag and passes >= need_pass, (pack.id, flags, passes)


def test_every_rule_cites_the_protocol(builtin_packs):
    for rule in all_rules(builtin_packs):
        assert rule.source.strip() and len(rule.explanation.split()) >= 8, rule.id


def test_word_lists_have_no_duplicates_or_self_swaps(builtin_packs):
    for rule in all_rules(builtin_packs):
        params = rule.kind.params
        for key in ("phrases", "allow", "shout_words"):
            words = params.get(key) or []
            lowered = [w.lower() for w in words]
            assert len(lowered) == len(set(lowered)), (rule.id, key)
        swaps = params.get("swaps") or {}
        forms = [f.lower() for phrase in swaps for f in expand(phrase)]
        assert len(forms) == len(set(forms)), rule.id
        for phrase, suggestion in swaps.items():
            items = suggestion if isinstance(suggestion, list) else [suggestion]
            assert phrase.lower() not in [s.lower() for s in items], (rule.id, phrase)


def test_rules_have_placeholders_they_use(builtin_packs):
    import string

    for rule in all_rules(builtin_packs):
        names = {f for _, f, _, _ in string.Formatter().parse(rule.message) if f}
        assert names <= rule.kind.message_placeholders(), rule.id
