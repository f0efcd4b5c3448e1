"""The registry of rule kinds: one explicit dict, so a pack names a kind and
the loader knows its fields without importing spaCy."""

from __future__ import annotations

from .base import Field, Kind, SpecError
from .capitalisation import Capitalisation
from .emoji import Emoji
from .fancy import FancyText
from .hashtags import HashtagCase
from .identifier import Identifier
from .length import Length
from .metric import Metric
from .pattern import Pattern, PatternTimeout
from .phrases import Phrase, Substitution
from .tokens import Tokens

KINDS: dict[str, type[Kind]] = {
    kind.name: kind
    for kind in (Phrase, Substitution, Pattern, Tokens, Capitalisation, Metric, Identifier)
}
# Platform and accessibility kinds (issue 5).
KINDS.update({kind.name: kind for kind in (Length, HashtagCase, FancyText, Emoji)})

__all__ = ["KINDS", "Field", "Kind", "PatternTimeout", "SpecError"]
