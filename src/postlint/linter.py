"""Runs rules over posts and turns their Hits into Findings: rule identity,
severity and file position are stamped here, never inside a rule."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Iterator, Mapping, Sequence

from .batching import batches, post_text
from .context import PostContext
from .kinds import PatternTimeout, SpecError
from .kinds.base import stripped_span
from .matching import Compiler
from .model import Finding, Hit, Post, Severity
from .nlp import batch_zone, build_pipeline
from .packs import Rule, field_error, matches_selector
from .platforms import platform_key

BATCH_SIZE = 256
# A batch ends sooner when its posts hold this many characters: its posts and docs are all
# in memory until it is linted, and a post can be a whole long file.
BATCH_CHARS = 250_000
CONTEXT_WIDTH = 120
# A rule whose patterns run out of time on this many posts is switched off for the rest of
# the run, so a runaway pattern costs a few time limits in all, not one on every post.
MAX_TIMEOUTS = 3
_SURROGATE = re.compile("[\ud800-\udfff]")


def tokenizable(text: str) -> str:
    """The text as spaCy is given it: a lone surrogate (JSON input can hold "\\ud800") cannot
    be encoded, so it becomes U+FFFD, one code point for one, and every offset still holds."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


class _Values(dict):
    """Leaves unknown placeholders visible instead of failing on them."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(template: str, values: Mapping[str, Any]) -> str:
    """The message with its placeholders filled; a template that cannot be filled as it is."""
    if "{" not in template and "}" not in template:
        return template
    try:
        return template.format_map(_Values(values))
    except (ValueError, IndexError, KeyError, AttributeError):
        return template


@dataclass
class Linter:
    """Compiles a set of rules once, then lints any number of posts."""

    rules: list[Rule]
    severities: Mapping[str, Severity] = field(default_factory=dict)
    model: str | None = None
    profile: Mapping[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)
    timeouts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.nlp = build_pipeline(self.model)
        from .profile import load_profile

        self.compiler = Compiler(self.nlp, self.profile if self.profile is not None else load_profile())
        for rule in self.rules:
            try:
                rule.kind.prepare(self.compiler)
            except SpecError as exc:  # e.g. a token pattern only spaCy itself can check
                raise field_error(rule.path, rule.line, rule.name, exc) from None
        self.compiler.prefilters.build()
        self._strings_at_start = len(self.nlp.vocab.strings)
        self._severity = {r.id: self._override(r) for r in self.rules}
        self._group = {r.id: (r.pack, r.group) for r in self.rules if r.group}
        self._fallback = _yields(self.rules)
        self._post_wide = frozenset(r.id for r in self.rules if r.id in self._fallback and r.kind.judges_post)
        self._once = {r.id: (r.pack, r.group) if r.group else (r.id, None) for r in self.rules if r.once}
        self._order = {r.id: i for i, r in enumerate(self.rules)}
        self._by_platform: dict[str, _Plan] = {}

    def _override(self, rule: Rule) -> Severity:
        best: tuple[int, Severity] | None = None
        for selector, severity in self.severities.items():
            if matches_selector(rule.id, selector) and (best is None or len(selector) > best[0]):
                best = (len(selector), severity)
        return best[1] if best else rule.severity

    def effective_rules(self) -> list[Rule]:
        """The rules with severity overrides applied, for reports that describe them."""
        return [replace(r, severity=self._severity[r.id]) for r in self.rules]

    def lint(self, posts: Iterable[Post]) -> Iterator[tuple[Post, list[Finding]]]:
        """Stream posts through the tokenizer in batches; yield each post with its findings, in
        order. A batch's docs are done with when its findings are out (see nlp.batch_zone)."""
        for batch in batches(posts, BATCH_SIZE, BATCH_CHARS, post_text):
            with batch_zone(self.nlp, self._strings_at_start):
                pairs = ((tokenizable(p.text), p) for p in batch)
                yield from self._lint_batch(list(self.nlp.pipe(pairs, as_tuples=True, batch_size=BATCH_SIZE)))

    def _lint_batch(self, batch: list[tuple[Any, Post]]) -> Iterator[tuple[Post, list[Finding]]]:
        """Each post of a batch ((doc, post) pairs, as the tokenizer gives them) with its
        findings. The rules take turns over the whole batch, rather than each post over every
        rule: a rule's compiled patterns and tables then stay in the processor's caches from
        one post to the next, which makes linting about a quarter faster. Each post's
        findings, and the run's warnings, come out exactly as they would post by post."""
        contexts = [PostContext(post, doc, self.compiler) for doc, post in batch]
        runs: dict[int, list[int]] = {}
        for i, ctx in enumerate(contexts):
            for order in self._rules_for(platform_key(ctx.post.platform)).to_run(ctx):
                runs.setdefault(order, []).append(i)
        found: list[list[Finding]] = [[] for _ in contexts]
        warned: list[tuple[int, int, list[str]]] = []  # kept aside, to be given in post order
        for order in sorted(runs):
            rule = self.rules[order]
            for i in runs[order]:
                try:
                    got = self._run(rule, contexts[i])
                except PatternTimeout:
                    warned.append((i, order, self._timed_out(rule, contexts[i].post)))
                    continue
                if got:
                    found[i] += got
        for _, _, messages in sorted(warned, key=lambda w: w[:2]):
            self.warnings.extend(messages)
        for ctx, findings in zip(contexts, found):
            yield ctx.post, self._settled(findings)

    def _run(self, rule: Rule, ctx: PostContext) -> list[Finding]:
        """One rule's findings on one post: one per place, none inside a link, handle or
        hashtag the rule ignores there, none when the post ignores the rule or the rule was
        switched off after running out of time (PatternTimeout when it runs out now)."""
        post = ctx.post
        if post.ignore and any(matches_selector(rule.id, s) for s in post.ignore):
            return []
        if self.timeouts and self.timeouts.get(rule.id, 0) >= MAX_TIMEOUTS:
            return []
        hits = list(rule.kind.check(ctx))
        if not hits:  # as on most posts for most rules
            return hits
        findings = []
        seen: set[tuple[int, int]] = set()
        for hit in hits:
            hit = _trimmed(post.text, hit)
            if rule.ignore_in and ctx.protected:
                # Only a hit wholly inside a link, handle or hashtag is dropped: a sentence
                # or a whole post that merely contains one still counts.
                kind = ctx.enclosing_kind(hit.start, hit.end)
                if kind in rule.ignore_in:
                    continue
            if (hit.start, hit.end) in seen:
                continue
            seen.add((hit.start, hit.end))
            findings.append(self._finding(rule, post, hit))
        return findings

    def _rules_for(self, platform: str) -> "_Plan":
        """The rules that apply to posts for `platform` ('' when unknown), with the ones each
        prefilter id opens (see Kind.gate), worked out once per platform."""
        plan = self._by_platform.get(platform)
        if plan is None:
            rules = [k for k, r in enumerate(self.rules) if r.platforms is None or platform in r.platforms]
            always: set[int] = set()
            opened: dict[int, list[int]] = {}
            for k in rules:
                gate = self.rules[k].kind.gate()
                if gate is None:
                    always.add(k)
                for i in set(gate or ()):
                    opened.setdefault(i, []).append(k)
            plan = _Plan(rules, frozenset(always), {i: tuple(ks) for i, ks in opened.items()})
            self._by_platform[platform] = plan
        return plan

    def _settled(self, findings: list[Finding]) -> list[Finding]:
        """A post's findings with those of a group or a fallback that others cover left out,
        and those of a `once` rule after its first, in the order of their place in the post."""
        if self._group and len(findings) > 1:
            findings = self._once_per_group(findings)
        if self._fallback and len(findings) > 1:
            findings = self._without_covered_fallbacks(findings)
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        if self._once and len(findings) > 1:
            findings = _first_of_once_rules(findings, self._once)
        return findings

    def _once_per_group(self, findings: list[Finding]) -> list[Finding]:
        """Rules of one group in a pack ("three ways of asking for leave") report a place
        once: of findings of different rules of a group that overlap, the most severe is
        kept, and of equals the one of the rule listed first."""
        ranked = sorted((f for f in findings if f.rule in self._group),
                        key=lambda f: (-f.severity, self._order[f.rule], f.start))
        kept: dict[tuple[str, str | None], list[Finding]] = {}
        dropped: set[int] = set()
        for f in ranked:
            others = kept.setdefault(self._group[f.rule], [])
            if any(k.rule != f.rule and k.start < f.end and f.start < k.end for k in others):
                dropped.add(id(f))
            else:
                others.append(f)
        return [f for f in findings if id(f) not in dropped] if dropped else findings

    def _without_covered_fallbacks(self, findings: list[Finding]) -> list[Finding]:
        """A fallback rule (a broad catch-all, say) speaks only where the rules it yields to
        (the other rules of its pack, or those its `fallback` lists) are silent: its findings
        that overlap one of theirs at least as severe are dropped (an `info` finding, after a
        severity override, does not silence a warning). A finding that judges the whole post
        (a model's) is dropped for one of theirs anywhere in the post: it points at one
        sentence only to show where the post weighs most. It yields to the fallback findings
        that point at a place and are kept, too: a post's tone ("Living the NHS dream"),
        reported where no named complaint was, has said what the model would say."""
        fallback, post_wide = self._fallback, self._post_wide
        others = [f for f in findings if f.rule not in fallback]
        placed = [f for f in findings if f.rule in fallback and f.rule not in post_wide
                  and not self._covered(f, others)]
        wide = [f for f in findings if f.rule in post_wide and not self._covered(f, others + placed)]
        if len(others) + len(placed) + len(wide) == len(findings):
            return findings
        kept = {id(f) for f in (*others, *placed, *wide)}
        return [f for f in findings if id(f) in kept]

    def _covered(self, finding: Finding, others: list[Finding]) -> bool:
        """Whether one of `others` that `finding`'s rule yields to, at least as severe, has said
        it: overlapping it, or anywhere in the post for a finding that judges the post."""
        wide = finding.rule in self._post_wide
        selectors = self._fallback[finding.rule]
        return any(o.severity >= finding.severity and (wide or o.start < finding.end and finding.start < o.end)
                   and any(matches_selector(o.rule, s) for s in selectors) for o in others)

    def _timed_out(self, rule: Rule, post: Post) -> list[str]:
        """The warnings that a rule was skipped on a post and, after MAX_TIMEOUTS posts, that
        it is switched off (which counting this post may do)."""
        count = self.timeouts[rule.id] = self.timeouts.get(rule.id, 0) + 1
        where = f"{post.path}: row {post.row}" if post.row is not None else f"{post.path}: post {post.number}"
        messages = [f"{where}: rule {rule.id} skipped: its regular expression ran out of time "
                    "(it probably backtracks too much)"]
        if count == MAX_TIMEOUTS:
            messages.append(f"rule {rule.id} switched off for the rest of the run after running out of "
                            f"time on {count} posts; fix its pattern ({rule.path}:{rule.line})")
        return messages

    def _finding(self, rule: Rule, post: Post, hit: Hit) -> Finding:
        line, column, end_line, end_column = post.span_position(hit.start, hit.end)
        context, context_start = _context(post.text, hit.start, hit.end)
        return Finding.stamped(
            path=post.path, post=post.number, line=line, column=column,
            end_line=end_line, end_column=end_column, start=hit.start, end=hit.end,
            rule=rule.id, pack=rule.pack, severity=self._severity[rule.id],
            message=format_message(rule.message, hit.values), explanation=rule.explanation,
            source=rule.source, match=post.text[hit.start:hit.end], suggestions=hit.suggestions,
            fixable=hit.fixable, row=post.row, context=context, context_start=context_start,
        )


@dataclass
class _Plan:
    """The rules for one platform, and which of them a post's possible prefilters open: a
    rule without a gate always runs, a gated one when one of its prefilter ids is possible.
    Found from the post's few possible ids, not by asking every rule. Rules are named by
    their place in the linter's list, which is also the order they run in."""

    rules: list[int]
    always: frozenset[int]
    opened: dict[int, tuple[int, ...]]  # prefilter id -> the rules it opens

    def to_run(self, ctx: PostContext) -> list[int]:
        """The rules to run on a post, in order (its possible prefilters are looked up only
        when some rule is gated)."""
        if len(self.always) == len(self.rules):
            return self.rules
        opened = self.opened
        run = set(self.always)
        for i in ctx.possible_patterns:
            got = opened.get(i)
            if got:
                run.update(got)
        return sorted(run)


def _yields(rules: Sequence[Rule]) -> dict[str, tuple[str, ...]]:
    """Each fallback rule's id → the selectors of the rules it yields to: those its `fallback`
    names, and every rule whose `overrides` names it (a built-in rule yields so to a rule of
    your own pack without its pack being edited)."""
    out = {r.id: r.fallback for r in rules if r.fallback}
    for rule in (r for r in rules if r.overrides):
        for other in rules:
            if other is not rule and any(matches_selector(other.id, s) for s in rule.overrides):
                out[other.id] = (*out.get(other.id, ()), rule.id)
    return out


def _first_of_once_rules(findings: list[Finding], once: Mapping[str, tuple[str, str | None]]) -> list[Finding]:
    """The findings (in order of place) with only the first of each `once` rule, or of the
    `once` rules of a group together (`once` maps a rule to its group, or to itself): a rule
    that says "this post must not go out" (a sick report) says it once, however many of its
    patterns the post has."""
    seen: set[tuple[str, str | None]] = set()
    kept = []
    for f in findings:
        key = once.get(f.rule)
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        kept.append(f)
    return kept


def _trimmed(text: str, hit: Hit) -> Hit:
    """The hit without white space at its ends ("CONFIDENTIAL " is reported as
    "CONFIDENTIAL"): a pattern may take in the space before what must follow it, but a
    report underlines words. A hit that is all white space is kept as it is; a fixable one
    too, since its replacement was written for the span it has."""
    if hit.fixable or hit.end <= hit.start or not (text[hit.start].isspace() or text[hit.end - 1].isspace()):
        return hit
    start, end = stripped_span(text, hit.start, hit.end)
    if start == end:
        return hit
    values = hit.values
    if values.get("match") == text[hit.start:hit.end]:  # the message quotes what is underlined
        values = {**values, "match": text[start:end]}
    return replace(hit, start=start, end=end, values=values)


def _context(text: str, start: int, end: int) -> tuple[str, int]:
    """The line of the post around a match, clipped to CONTEXT_WIDTH characters. Line
    breaks are looked for only inside that window, so a long one-line post costs no more."""
    lo = max(0, start - CONTEXT_WIDTH // 3)
    lo = max(lo, text.rfind("\n", lo, start) + 1, text.rfind("\r", lo, start) + 1)
    hi = min(len(text), max(end, lo + CONTEXT_WIDTH))
    for sep in ("\n", "\r"):
        i = text.find(sep, start, hi)
        if i != -1:
            hi = min(hi, max(i, end))
    return text[lo:hi], start - lo


def warn(message: str) -> None:
    from .report.text import visible

    print(f"postlint: warning: {visible(message)}", file=sys.stderr)
