"""Identifiers found by a regular expression and confirmed by a validator
(the NHS number's check digit), so a random 10-digit number is not called one.
`when: invalid` turns it round, for a labelled number with a wrong check digit."""

from __future__ import annotations

from typing import Any, Callable

from ..model import Hit
from ..validators import VALIDATORS
from .base import Field, one_of
from .pattern import Pattern

WHEN = ("valid", "invalid")


def _validator(value: Any) -> str | None:
    return None if value in VALIDATORS else f"unknown validator {value!r}; known: {', '.join(sorted(VALIDATORS))}"



class Identifier(Pattern):
    name = "identifier"
    summary = "flags identifiers (regex candidates) that a validator confirms, such as NHS numbers"
    fields = Pattern.fields + (
        Field("validator", (str,), required=True, check=_validator,
              doc=f"one of: {', '.join(sorted(VALIDATORS))}"),
        Field("group", (str,), doc="named group to validate (default: the whole match)"),
        Field("when", (str,), default="valid", check=one_of(WHEN),
              doc="flag candidates the validator accepts (valid, the default) or rejects (invalid)"),
    )

    def setup(self, line_of: Callable[[str], int]) -> None:
        super().setup(line_of)
        self.validate = VALIDATORS[self.params["validator"]]
        self.want = self.params["when"] == "valid"

    def accept(self, hit: Hit) -> bool:
        group = self.params["group"]
        candidate = hit.values.get(group, "") if group else hit.values["match"]
        return bool(self.validate(candidate)) == self.want
