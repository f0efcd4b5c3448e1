"""One set of spaCy matchers shared by every rule of a run, so each post is
scanned once per attribute however many phrase and token rules there are."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from .index import Index

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


class Compiler:
    """Collects phrase lists and token patterns from rules, keyed by a string
    each rule owns, and returns character spans per key for a Doc."""

    def __init__(self, nlp: "Language", profile: Mapping[str, Any] | None = None) -> None:
        self.nlp = nlp
        # The organisation profile (names, handles, acronyms) for kinds that need it.
        self.profile: Mapping[str, Any] = profile or {}
        self._phrase: dict[str, Any] = {}
        self._matcher: Any = None
        self._names: dict[int, str] = {}
        # Every pattern rule's prefilter, so a post is tested against all of them at once.
        self.prefilters = Index()

    def _key(self, key: str) -> str:
        self._names[self.nlp.vocab.strings.add(key)] = key
        return key

    def add_phrases(self, key: str, phrases: Iterable[str], attr: str = "LOWER") -> None:
        """Match any of `phrases` token by token; attr LOWER ignores case, ORTH keeps it."""
        from spacy.matcher import PhraseMatcher

        matcher = self._phrase.get(attr)
        if matcher is None:
            matcher = self._phrase[attr] = PhraseMatcher(self.nlp.vocab, attr=attr)
        docs = list(self.nlp.tokenizer.pipe(phrases))
        matcher.add(self._key(key), docs)

    def add_tokens(self, key: str, patterns: Sequence[list[dict[str, Any]]]) -> None:
        """spaCy Matcher token patterns; raises ValueError with spaCy's reason if invalid."""
        from spacy.matcher import Matcher

        if self._matcher is None:
            self._matcher = Matcher(self.nlp.vocab, validate=True)
        try:
            self._matcher.add(self._key(key), list(patterns))
        except Exception as exc:  # spaCy raises MatchPatternError or ValueError
            raise ValueError(" ".join(str(exc).split())[:300]) from None

    def run(self, doc: "Doc") -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        matchers = list(self._phrase.values())
        if self._matcher is not None:
            matchers.append(self._matcher)
        names = self._names
        for matcher in matchers:
            for match_id, start, end in matcher(doc):
                found[names[match_id]].append((start, end))
        out: dict[str, list[tuple[int, int]]] = {}
        for key, spans in found.items():
            out[key] = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in _longest(spans)]
        return out


def _longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Leftmost-longest, non-overlapping token spans."""
    spans.sort(key=lambda se: (se[0], -se[1]))
    out: list[tuple[int, int]] = []
    last_end = -1
    for s, e in spans:
        if s >= last_end:
            out.append((s, e))
            last_end = e
    return out
