"""The first part of `postlint fix`'s report: what was changed, file by file.
What still needs a person follows as the usual human report."""

from __future__ import annotations

from typing import IO, Sequence

from rich.console import Console
from rich.text import Text

from ..fixes import Fixed
from .text import visible


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def print_fixed(out: IO[str], outcomes: Sequence[Fixed], color: bool | None = None) -> None:
    console = Console(file=out, highlight=False, markup=False, emoji=False, force_terminal=color,
                      no_color=color is False, soft_wrap=True)
    changed = [o for o in outcomes if o.applied]
    total = sum(len(o.applied) for o in changed)
    if not total:
        console.print(Text("Nothing could be fixed automatically.", style="bold"))
    else:
        console.print(Text(f"Fixed {_plural(total, 'problem')} in {_plural(len(changed), 'file')}:", style="bold green"))
    for outcome in changed:
        for edit in outcome.applied:
            f = edit.finding
            line = Text("  ")
            line.append(visible(f"{f.path}:{f.line}:{f.column}"), style="bold")
            line.append("  ")
            line.append(f.rule, style="magenta")
            line.append(f"  '{visible(edit.old)}' → ")
            line.append(f"'{visible(edit.new)}'" if edit.new else "(removed)", style="green")
            console.print(line)
    for outcome in outcomes:
        if not outcome.settled:
            console.print(Text(f"  {visible(outcome.name)}: fixes did not settle (two rules keep undoing each "
                               "other); check this file by hand", style="yellow"))
    console.print()
    console.print(Text("Still needs a person:", style="bold"))
