"""The registry of rule kinds: one explicit dict, so a pack names a kind and
the loader knows its fields without importing spaCy."""

from __future__ import annotations

from .acronym import Acronym
from .base import Field, Kind, SpecError
from .capitalisation import Capitalisation
from .classifier import Classifier
from .cues import Cues
from .emoji import Emoji
from .evidence import Evidence
from .fancy import FancyText
from .hashtags import HashtagCase
from .identifier import Identifier
from .length import Length
from .metric import Metric
from .organisation import OrganisationName, OutdatedName
from .pattern import Pattern, PatternTimeout
from .phrases import Phrase, Substitution
from .tokens import Tokens
from .topic import Topic

KINDS: dict[str, type[Kind]] = {
    kind.name: kind
    for kind in (Phrase, Substitution, Pattern, Tokens, Capitalisation, Metric, Identifier,
                 Acronym, OrganisationName, OutdatedName, Topic, Cues, Evidence, Classifier)
}
# Platform and accessibility kinds (issue 5).
KINDS.update({kind.name: kind for kind in (Length, HashtagCase, FancyText, Emoji)})

__all__ = ["KINDS", "Field", "Kind", "PatternTimeout", "SpecError"]
