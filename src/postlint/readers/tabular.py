"""CSV files from schedulers: one post per row. Handles a headed file (its text
column found by name) and the classic headerless bulk-upload layout (date,
message, optional link), separated by commas or, where the first line has no
comma, by tabs or semicolons (as spreadsheets in some settings save them).
Parsed here, not by the csv module, because every cell must keep the file
offsets of its characters."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator, NamedTuple

from ..errors import InputError
from ..model import LineIndex, Post
from .fields import ReadOptions, find_text_field, post_fields, text_field_hint

if TYPE_CHECKING:
    from ..sources import Decoded

IGNORE_COLUMN = "postlint_ignore"
HEADERLESS_COLUMNS = ("date", "message", "link")
DELIMITERS = (",", "\t", ";")
_LINE_END = re.compile(r"[\r\n]")
_CELL_ENDS = {d: re.compile(f"[{re.escape(d)}\\r\\n]") for d in DELIMITERS}
# A bulk-upload date such as 25/12/2024 09:30, 2024-12-25 or 12.25.2024 9:30 pm.
_DATE = re.compile(r"\s*\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]m)?)?\s*",
                   re.IGNORECASE)


class Cell(NamedTuple):
    """One cell of a record (a tuple: a file has a cell for every column of every row)."""

    value: str
    segments: tuple[tuple[int, int], ...]
    escape: str = "csv-unquoted"  # how a fix must write text back into it (see fixes.ESCAPES)


def delimiter(text: str) -> str:
    """What separates the cells: a comma, unless the first line has none and has a tab or
    a semicolon ("date;message")."""
    end = _LINE_END.search(text)
    first = text[:end.start()] if end else text
    if "," in first:
        return ","
    return next((d for d in DELIMITERS[1:] if d in first), ",")


def records(text: str, name: str, lines: LineIndex, sep: str = ",") -> Iterator[list[Cell]]:
    """RFC 4180 records, cells separated by `sep`; a blank line is a record of one empty cell."""
    i, n = 0, len(text)
    row: list[Cell] = []
    cell_end = _CELL_ENDS[sep]
    while i < n or row:
        cell, i = _cell(text, i, name, lines, cell_end)
        row.append(cell)
        if i < n and text[i] == sep:
            i += 1
            continue
        yield row
        row = []
        i += 2 if text.startswith("\r\n", i) else 1


def _cell(text: str, i: int, name: str, lines: LineIndex, cell_end: re.Pattern[str]) -> tuple[Cell, int]:
    if not text.startswith('"', i):
        end = _cell_end(text, i, cell_end)
        return Cell(text[i:end], ((0, i),)), end
    parts: list[str] = []
    segments = [(0, i + 1)]
    length, j = 0, i + 1
    while True:
        q = text.find('"', j)
        if q == -1:
            line, col = lines.position(i)
            raise InputError(f"{name}:{line}: unterminated quoted cell: the quote at column {col} is never closed")
        parts.append(text[j:q + 1] if text.startswith('""', q) else text[j:q])
        length += len(parts[-1])
        if not text.startswith('""', q):
            j = q + 1
            break
        j = q + 2
        segments.append((length, j))
    end = _cell_end(text, j, cell_end)
    if end > j:  # text after the closing quote, kept as the csv module does; too odd to fix
        segments.append((length, j))
        parts.append(text[j:end])
        return Cell("".join(parts), tuple(segments), "csv-mixed"), end
    return Cell("".join(parts), tuple(segments), "csv-quoted"), end


def _cell_end(text: str, i: int, cell_end: re.Pattern[str]) -> int:
    m = cell_end.search(text, i)
    return m.start() if m else len(text)


def read_csv(decoded: "Decoded", name: str, options: ReadOptions = ReadOptions()) -> list[Post]:
    text = decoded.text
    lines = LineIndex.of(text)
    rows = list(records(text, name, lines, delimiter(text)))
    if not rows:
        return []
    header = [c.value for c in rows[0]]
    text_col = find_text_field(header, options)
    if text_col is not None:
        names, data = [h.strip() or f"column {k + 1}" for k, h in enumerate(header)], rows[1:]
    elif len(header) >= 2 and _DATE.fullmatch(header[0]) and not options.text_field:
        names, data, text_col = list(HEADERLESS_COLUMNS), rows, 1
    else:
        raise InputError(f"{name}:1: the header row has {text_field_hint(options)}; "
                         "or use the bulk-upload layout with no header: date, message, link")
    posts = []
    for number, row in enumerate(data, start=1):
        if text_col >= len(row) or not row[text_col].value.strip():
            continue
        cell = row[text_col]
        meta = {names[k] if k < len(names) else f"column {k + 1}": c.value
                for k, c in enumerate(row) if k != text_col}
        line = lines.position(cell.segments[0][1])[0]
        fields = post_fields(meta, IGNORE_COLUMN, lambda key: f"{name}:{line}: row {number}", cell.escape)
        posts.append(Post(text=cell.value, path=name, number=number, segments=cell.segments,
                          lines=lines, row=number, **fields))
    return posts
