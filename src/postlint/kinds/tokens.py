"""spaCy Matcher token patterns, for phrases with gaps or alternatives
("DM me", "message me privately") that a plain phrase list cannot hold."""

from __future__ import annotations

from typing import Any, Callable, Iterator

from ..model import Hit
from .base import Field, Kind, SpecError

# Token attributes a blank English pipeline can supply; the rest need a trained pipeline.
BLANK_ATTRS = {"ORTH", "TEXT", "LOWER", "LENGTH", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER",
               "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP", "IS_SENT_START", "LIKE_NUM", "LIKE_URL",
               "LIKE_EMAIL", "SHAPE", "NORM", "PREFIX", "SUFFIX", "OP", "_"}
TRAINED_ATTRS = {"POS", "TAG", "MORPH", "DEP", "LEMMA", "ENT_TYPE", "ENT_IOB", "ENT_ID", "SENT_START"}


def _has_regex(spec: Any) -> bool:
    """Whether a token attribute's value uses a REGEX predicate, at any depth (`_` nests)."""
    return isinstance(spec, dict) and any(str(k).upper() == "REGEX" or _has_regex(v) for k, v in spec.items())


def _token_patterns(value: Any) -> str | None:
    if not value:
        return "must not be empty"
    for i, pattern in enumerate(value):
        if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
            return f"pattern {i + 1}: expected a list of token mappings such as [{{LOWER: dm}}, {{LOWER: me}}]"
        for token in pattern:
            for attr, spec in token.items():
                name = str(attr).upper()
                if _has_regex(spec):
                    return (f"pattern {i + 1}: {attr}: REGEX is not allowed here, as spaCy runs it with no time "
                            "limit; use a rule of kind pattern for regular expressions")
                if name in TRAINED_ATTRS:
                    return (f"pattern {i + 1}: {attr} needs a trained spaCy pipeline; "
                            "the built-in pipeline has only the tokenizer")
                if name not in BLANK_ATTRS:
                    return f"pattern {i + 1}: unknown token attribute {attr!r}"
    return None


class Tokens(Kind):
    name = "tokens"
    summary = "flags token sequences described by spaCy Matcher patterns"
    fields = (
        Field("patterns", (list,), required=True, check=_token_patterns,
              doc="spaCy Matcher patterns: a list of lists of token mappings"),
    )

    def setup(self, line_of: Callable[[str], int]) -> None:
        self._line = line_of("patterns")

    def prepare(self, compiler: Any) -> None:
        try:
            compiler.add_tokens(self.key, self.params["patterns"])
        except ValueError as exc:
            raise SpecError("patterns", str(exc), self._line) from None

    def check(self, ctx: Any) -> Iterator[Hit]:
        for start, end in ctx.matches(self.key):
            yield Hit(start, end, {"match": ctx.text[start:end]})
