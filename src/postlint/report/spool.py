"""JSON reports of any size in bounded memory: findings are encoded as they
arrive and kept in a temporary file once they outgrow memory, then copied into
the document, which comes out exactly as `json.dumps(..., indent=2)` writes it."""

from __future__ import annotations

import codecs
import json
import re
import tempfile
from typing import IO, Any

# Encoded findings kept in memory before they move to a temporary file.
MEMORY_BYTES = 8 * 1024 * 1024
INDENT = "  "


# Characters json.dumps leaves raw that must not be: lone surrogates (not encodable, so the
# output would not be UTF-8) and DEL, C1 controls, bidi marks and line separators (which a
# terminal showing the report would act on). Written as \u escapes, the data is the same.
_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def dumps(data: Any) -> str:
    """JSON for any Unicode, safe to print: see _RAW."""
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False, indent=2))


class Spool:
    """The items of a JSON array that sits `level` levels deep in its document."""

    def __init__(self, level: int) -> None:
        self.level = level
        self.count = 0
        self._file = tempfile.SpooledTemporaryFile(max_size=MEMORY_BYTES, mode="w+b")

    def add(self, item: Any) -> None:
        pad = INDENT * (self.level + 1)
        text = pad + dumps(item).replace("\n", "\n" + pad)
        self._file.write((",\n" if self.count else "\n").encode("utf-8") + text.encode("utf-8"))
        self.count += 1

    def write_to(self, out: IO[str]) -> None:
        if not self.count:
            out.write("[]")
            return
        out.write("[")
        self._file.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        while chunk := self._file.read(1 << 20):
            out.write(decoder.decode(chunk))
        out.write(decoder.decode(b"", final=True) + "\n" + INDENT * self.level + "]")
        self._file.close()


def write_json(out: IO[str], value: Any, level: int = 0) -> None:
    """`value` as `dumps` would write it at `level`, with each Spool's items in place."""
    pad = INDENT * level
    if isinstance(value, Spool):
        value.write_to(out)
    elif isinstance(value, (dict, list)) and value:
        close = "}" if isinstance(value, dict) else "]"
        out.write("{" if isinstance(value, dict) else "[")
        items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
        for i, (key, item) in enumerate(items):
            out.write(("," if i else "") + "\n" + pad + INDENT)
            if isinstance(value, dict):
                out.write(dumps(str(key)) + ": ")
            write_json(out, item, level + 1)
        out.write("\n" + pad + close)
    else:
        out.write(dumps(value).replace("\n", "\n" + pad))
