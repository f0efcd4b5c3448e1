"""Functions that confirm an identifier candidate found by a regular
expression, such as the NHS number's Modulus 11 check digit."""

from __future__ import annotations

from typing import Callable


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def nhs_number(text: str) -> bool:
    """Modulus 11 (NHS Data Dictionary): weights 10..2 on digits 1-9; 11 → 0; 10 is never issued."""
    d = _digits(text)
    if len(d) != 10:
        return False
    check = 11 - sum(int(c) * w for c, w in zip(d[:9], range(10, 1, -1))) % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(d[9])


def uk_mobile(text: str) -> bool:
    """A UK mobile: 07 then 9 digits (or +44 7...), excluding 070 personal and 076 pager numbers."""
    d = _digits(text)
    if d.startswith("44"):
        d = "0" + d[2:]
    if d.startswith("00"):
        return False
    return len(d) == 11 and d.startswith("07") and d[2] not in "06"


def luhn(text: str) -> bool:
    """Luhn check used by payment card numbers."""
    d = _digits(text)
    if not 12 <= len(d) <= 19:
        return False
    total = 0
    for i, c in enumerate(reversed(d)):
        n = int(c)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "nhs-number": nhs_number,
    "uk-mobile": uk_mobile,
    "luhn": luhn,
}
