"""The report a comms officer reads: findings grouped by file, each with the
offending text in context, why it matters and what to write instead.
Post text only ever reaches rich as plain Text, never as markup."""

from __future__ import annotations

import textwrap
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ..model import Finding, Post, Severity
from . import Reporter, Summary
from .text import visible

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
INDENT = "    "
MIN_CONTEXT = 40  # columns a context line may always take, however narrow the terminal
ELLIPSIS = "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


class HumanReporter(Reporter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.console = Console(file=self.out, highlight=False, markup=False, emoji=False,
                               force_terminal=self.color, no_color=self.color is False, soft_wrap=False)
        self._current: str | None = None
        self._explained: set[str] = set()
        # With no colour system (a file, a pipe, NO_COLOR) rich would write each line's plain
        # text; writing it directly is much faster when a run has thousands of findings.
        self._plain = self.console.color_system is None
        # The terminal's width, read once: rich reads it afresh (three system calls) on each
        # ask, and a note and a context line ask for every finding.
        self.width = self.console.width

    def _print(self, text: Text | None = None) -> None:
        """One line of the report (an empty one without `text`)."""
        if self._plain:
            self.out.write((text.plain if text is not None else "") + "\n")
        elif text is None:
            self.console.print()
        else:
            self.console.print(text, soft_wrap=True)

    def _line(self, *pieces: str | tuple[str, str], style: str = "") -> None:
        """One line made of pieces, each text or (text, style), all in `style`: styled by
        rich for a terminal, else written as the plain text, without making rich objects
        (a run with tens of thousands of findings spends most of its report time on them)."""
        if self._plain:
            self.out.write("".join(p if type(p) is str else p[0] for p in pieces) + "\n")
            return
        text = Text(style=style)
        for piece in pieces:
            if type(piece) is str:
                text.append(piece)
            else:
                text.append(*piece)
        self._print(text)

    def post(self, post: Post, findings: list[Finding]) -> None:
        if not findings:
            return
        if post.path != self._current:
            if self._current is not None:
                self._print()
            self._print(Text(visible(post.path), style="bold underline"))
            self._current = post.path
        for f in findings:
            self._finding(f)

    def _finding(self, f: Finding) -> None:
        where = []
        if f.row is not None:
            where.append(f"row {f.row}")
        elif f.post > 1:
            where.append(f"post {f.post}")
        self._line(INDENT[:2], (visible(f"{f.path}:{f.line}:{f.column}"), "bold"), "  ",
                   (f"{f.severity.label:<7}", STYLE[f.severity]), "  ", (f.rule, "magenta"), "  ",
                   visible(f.message), *([(f"  ({', '.join(where)})", "dim")] if where else []))
        if f.context:
            self._context(f)
        if f.suggestions:
            shown = [s if s else "(leave it out)" for s in f.suggestions]
            self._note("try", " / ".join(shown), "green")
        if self.verbose and f.rule not in self._explained:
            self._explained.add(f.rule)
            self._note("why", f.explanation)
            self._note("see", f.source, "italic")

    def _note(self, label: str, body: str, style: str = "") -> None:
        """A labelled note, wrapped with a hanging indent (no trailing padding)."""
        lead = INDENT + f"{label:<5}"
        width = max(40, self.width - len(lead))
        text = visible(body)
        if len(text) <= width and text.isprintable() and not text.endswith(" "):
            lines = [text]  # what textwrap makes of it, without its regular expressions
        else:
            lines = textwrap.wrap(text, width) or [""]
        for i, chunk in enumerate(lines):
            self._line(lead if i == 0 else " " * len(lead), (chunk, style), style="dim")

    def _context(self, f: Finding) -> None:
        ctx = f.context
        before = visible(ctx[: f.context_start])
        match = visible(ctx[f.context_start: f.context_start + len(f.match)])
        after = visible(ctx[f.context_start + len(f.match):])
        room = max(MIN_CONTEXT, self.width - len(INDENT) - 2)
        before, match, after = fitted(before, match, after, room)
        colour = STYLE[f.severity].split()[-1]
        self._line(INDENT + "│ ", before, (match, "bold " + colour), after, style="dim")
        self._line(INDENT + "│ " + " " * _width(before), ("^" * max(1, _width(match)), colour), style="dim")

    def finish(self, summary: Summary) -> None:
        n = {s: summary.counts[s] for s in Severity}
        total = sum(n.values())
        where = f"in {_plural(summary.files, 'file')} ({_plural(summary.posts, 'post')})"
        if self._current is not None:
            self._print()
        if total == 0:
            self._print(Text(f"✓ No problems found {where}.", style="bold green"))
        else:
            line = Text("✗ " if n[Severity.ERROR] else "! ", style=STYLE[Severity.ERROR if n[Severity.ERROR] else Severity.WARNING])
            line.append(f"{_plural(total, 'problem')} {where}: ")
            line.append(_plural(n[Severity.ERROR], "error"), style=STYLE[Severity.ERROR] if n[Severity.ERROR] else "")
            line.append(", ")
            line.append(_plural(n[Severity.WARNING], "warning"), style=STYLE[Severity.WARNING] if n[Severity.WARNING] else "")
            line.append(f", {n[Severity.INFO]} info")
            self._print(line)
        if summary.errors:
            self._print(Text(f"{_plural(len(summary.errors), 'file')} could not be read (see messages above).",
                         style="bold red"))


def fitted(before: str, match: str, after: str, room: int) -> tuple[str, str, str]:
    """A context line cut to `room` columns, so a long match (a whole post, the part of a
    caption past the limit) is one line with its carets under it: the text before keeps at
    most a third of the room (as the linter keeps a third of its context), a match too
    long for the rest keeps its start and its end around an ellipsis, and the text after
    takes what is left."""
    if _width(before) + _width(match) + _width(after) <= room:
        return before, match, after
    if _width(before) > room // 3:
        before = ELLIPSIS + _last_cells(before, room // 3 - 1)
    left = room - _width(before)
    if _width(match) > left:
        head = _first_cells(match, (left - 3) * 2 // 3).rstrip()
        match = head + f" {ELLIPSIS} " + _last_cells(match, left - 3 - _width(head)).lstrip()
        return before, match, ""
    left -= _width(match)
    if _width(after) > left:
        after = _first_cells(after, left - 1) + ELLIPSIS if left > 1 else ""
    return before, match, after


def _width(text: str) -> int:
    """Columns `text` takes: one a character for ASCII (the report's text is made visible
    first, so it holds no control characters), else as rich measures it."""
    return len(text) if text.isascii() else cell_len(text)


def _first_cells(text: str, cells: int) -> str:
    """The longest start of `text` that takes at most `cells` columns."""
    if text.isascii():
        return text[:max(cells, 0)]
    used = 0
    for i, ch in enumerate(text):
        used += cell_len(ch)
        if used > cells:
            return text[:i]
    return text


def _last_cells(text: str, cells: int) -> str:
    """The longest end of `text` that takes at most `cells` columns."""
    return _first_cells(text[::-1], cells)[::-1]
