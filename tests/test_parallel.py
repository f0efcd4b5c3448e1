"""Linting in several processes gives the same posts, findings and warnings, in
the same order, as linting in one; small runs stay in one process."""

from __future__ import annotations

import pytest

from postlint import parallel
from postlint.linter import Linter
from postlint.model import Post
from postlint.packs import all_rules, load_packs, select_rules

TEXTS = ["PLEASE DO NOT COME TO A&E", "Get your flu jab", "DM me for your results", "We will utilise the pathway",
         "Call Sam on 07700 900461", "#flujabsaveslives 💙💙", "A calm, clear post about the new clinic"]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(select_rules(all_rules(load_packs())))


def long_posts(n: int, drawn: list[int]):
    """`n` posts of about 60 characters, each number noted in `drawn` as it is drawn."""
    for number in range(1, n + 1):
        drawn.append(number)
        yield Post(text=f"A long post, number {number}, about the new clinic in Stafford.", path="p.txt", number=number)


def posts(n: int) -> list[Post]:
    return [Post(text=TEXTS[i % len(TEXTS)], path="p.txt", number=i + 1) for i in range(n)]


def test_parallel_findings_equal_serial_in_order(linter):
    many = posts(50)
    serial = [(p.number, [f.to_json() for f in fs]) for p, fs in linter.lint(many)]
    forked = [(p.number, [f.to_json() for f in fs]) for p, fs in parallel.lint_posts(linter, many, 2)]
    assert forked == serial
    assert any(fs for _, fs in forked)


def test_warnings_raised_in_workers_reach_the_parent(linter, monkeypatch):
    from postlint.kinds import PatternTimeout

    rule = next(r for r in linter.rules if r.id == "patient-contact.private-channel")
    real = type(rule.kind).check

    def slow(self, ctx):
        if self is rule.kind and "DM me" in ctx.text:
            raise PatternTimeout()
        return real(self, ctx)

    monkeypatch.setattr(type(rule.kind), "check", slow)
    linter.warnings.clear()
    list(parallel.lint_posts(linter, posts(14), 2))
    assert [w.split(": rule ")[0] for w in linter.warnings] == ["p.txt: post 3", "p.txt: post 10"]
    assert all("patient-contact.private-channel skipped" in w for w in linter.warnings)
    linter.warnings.clear()


def test_a_batch_gives_what_posts_linted_one_at_a_time_give(linter, monkeypatch):
    """The rules take turns over a batch of posts (Linter._lint_batch): each post's findings,
    and the warnings of rules that ran out of time, are as they are post by post, in post order."""
    from postlint.kinds import PatternTimeout

    def timing_out_on(word, check):
        def timed(ctx):
            if word in ctx.text:
                raise PatternTimeout()
            return check(ctx)
        return timed

    for rule_id, word in [("patient-contact.private-channel", "DM me"), ("all-caps.whole-post", "PLEASE")]:
        kind = next(r.kind for r in linter.rules if r.id == rule_id)
        monkeypatch.setattr(kind, "check", timing_out_on(word, kind.check))
    many = posts(10)
    linter.warnings.clear()
    monkeypatch.setattr(linter, "timeouts", {})
    batch = [(p.number, [f.to_json() for f in fs]) for p, fs in linter.lint(many)]
    batch_warnings = linter.warnings[:]
    linter.warnings.clear()
    monkeypatch.setattr(linter, "timeouts", {})
    alone = [(p.number, [f.to_json() for f in fs]) for post in many for p, fs in linter.lint([post])]
    assert batch == alone
    assert any(fs for _, fs in batch)
    assert [w.split(" skipped")[0] for w in batch_warnings] == [
        "p.txt: post 1: rule all-caps.whole-post", "p.txt: post 3: rule patient-contact.private-channel",
        "p.txt: post 8: rule all-caps.whole-post", "p.txt: post 10: rule patient-contact.private-channel"]
    assert linter.warnings == batch_warnings
    linter.warnings.clear()


def test_a_batch_of_long_posts_ends_early(linter, monkeypatch):
    """A batch's posts are all held until it is linted, and a post can be a whole long file:
    a batch ends at BATCH_CHARS characters, so a run of long posts holds a few at a time."""
    from postlint import linter as linter_module

    monkeypatch.setattr(linter_module, "BATCH_CHARS", 100)
    drawn: list[int] = []

    results = linter.lint(long_posts(49, drawn))
    first, _ = next(results)
    assert first.number == 1 and len(drawn) == 2
    assert [p.number for p, _ in results] == list(range(2, 50))


def test_chunks_of_long_posts_end_early(linter, monkeypatch):
    """The chunks in flight to the workers are held until reported: with long posts a chunk
    ends at CHUNK_CHARS characters, so only a few posts are drawn ahead of the first result."""
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 100)
    drawn: list[int] = []

    results = parallel.lint_posts(linter, long_posts(59, drawn), 2, size=256)
    first, _ = next(results)
    assert first.number == 1 and len(drawn) <= 2 * parallel.IN_FLIGHT * 2
    assert [p.number for p, _ in results] == list(range(2, 60))


def test_batches_end_at_their_size_or_their_characters():
    from postlint.batching import batches

    assert list(batches(["ab", "cd", "ef"], 2, 100, str)) == [["ab", "cd"], ["ef"]]
    assert list(batches(["abc", "d", "efgh", "i"], 10, 4, str)) == [["abc", "d"], ["efgh"], ["i"]]
    assert list(batches([], 2, 100, str)) == []


def test_how_many_workers():
    assert parallel.workers(10) == 1
    assert parallel.workers(10, jobs=3) == 3
    assert parallel.workers(parallel.MIN_POSTS) >= 1
    assert parallel.workers(5, jobs=1) == 1


def test_one_post_stays_in_one_process():
    assert parallel.workers(1, jobs=4) == 1
    assert parallel.workers(0) == 1


def test_linting_collects_garbage_rarely_and_puts_the_setting_back():
    import gc

    from postlint.heap import LINTING_THRESHOLD, linting

    before = gc.get_threshold()
    with pytest.raises(KeyError):
        with linting():
            assert gc.get_threshold() == (LINTING_THRESHOLD, *before[1:])
            raise KeyError
    assert gc.get_threshold() == before
