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


def dumps(data: Any, pad: str = "") -> str:
    """JSON for any Unicode, safe to print (see _RAW), as `json.dumps(data, indent=2)` writes
    it, with every line after the first indented by `pad`."""
    return safe(_indented(data, pad))


def safe(text: str) -> str:
    """JSON text with the characters of _RAW escaped; the same whether applied to a whole
    document or to each of its strings, since the JSON around them is ASCII."""
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _RAW.search(text) else text


STRING = json.encoder.encode_basestring  # the C encoder where there is one
_CONSTANTS = {None: "null", True: "true", False: "false"}


def _indented(value: Any, pad: str) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)` at indentation `pad`. With an indent,
    json's encoder is pure Python; findings are mostly flat objects of strings and numbers,
    which are encoded here part by part with the C encoder for strings. Anything else
    (other key types, other objects) is left to json itself."""
    if type(value) is str:
        return STRING(value)
    if type(value) is int:
        return int.__repr__(value)
    if value is None or type(value) is bool:
        return _CONSTANTS[value]
    if type(value) is dict:
        if not value:
            return "{}"
        inner = pad + INDENT
        items = []
        for k, v in value.items():
            if type(k) is not str:
                break
            # (strings, the commonest values, without a call of this function)
            items.append(f"{inner}{STRING(k)}: {STRING(v) if type(v) is str else _indented(v, inner)}")
        else:
            return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    elif type(value) is list:
        if not value:
            return "[]"
        inner = pad + INDENT
        return "[\n" + ",\n".join([inner + _indented(v, inner) for v in value]) + f"\n{pad}]"
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)


class Spool:
    """The items of a JSON array that sits `level` levels deep in its document."""

    def __init__(self, level: int) -> None:
        self.level = level
        self.count = 0
        self._file = tempfile.SpooledTemporaryFile(max_size=MEMORY_BYTES, mode="w+b")

    @property
    def pad(self) -> str:
        """The indentation of the items' lines."""
        return INDENT * (self.level + 1)

    def add(self, item: Any) -> None:
        self.add_encoded(dumps(item, self.pad))

    def add_encoded(self, text: str) -> None:
        """An item already encoded, as `dumps(item, self.pad)` encodes it."""
        self._file.write(((",\n" if self.count else "\n") + self.pad + text).encode("utf-8"))
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
