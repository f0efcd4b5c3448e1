"""The run's prefilter index: which of many pattern prefilters may match a post.

Every group of every prefilter is looked for, folded (which is never wrong), so
a prefilter the index allows has a string of each of its groups in the post;
only digits and strings compared case for case are left to the prefilter itself
(`Prefilter.confirms`). A post is looked at chunk by chunk (the runs between its
spaces; `fold_post` leaves one space between them), with what each chunk holds
remembered across posts, since posts share most chunks: strings of word
characters are found in a chunk's words through a trie, other strings without
white space ("d.o.b", "(") are looked for in the chunk, and a string asked for as
a whole word is looked up among the chunk's words. A string with spaces in it
("off sick", " is ", "blood pressure ") is found from pairs of neighbouring
chunks, remembered too: "off sick" is in a post where a chunk ends with "off" and
the next starts with "sick"; a longer one ("off work sick") is looked up from
the pair of chunks that hold its first two pieces, or when its first piece is
empty (" the ward ") its second and third, then looked for in the post. What a
chunk or pair holds is kept as a mask of bits, one for each group of each
prefilter (bit `i` for the first group of prefilter `i`), so a post's masks are
joined by `|`; a pair's mask holds its two chunks' too, so a post of more than
one chunk is looked up pair by pair alone."""

from __future__ import annotations

import re
from typing import Iterable

from .prefilter import _REGEX_WORD, Prefilter, fold, whole_word

# Runs of word characters. A required string made only of them can occur only inside one
# run, so the runs of a post (few, and mostly seen before) are looked up instead of the post.
_WORD = re.compile(r"\w+")
# Chunks (and pairs of them) remembered with the required strings inside them; cleared past this many.
CACHE_CHUNKS = 50_000

# What a chunk holds: the mask of groups it has a string of, the first pieces of spaced
# strings it ends with, and the last pieces of those of two pieces and of three it starts with.
Chunk = tuple[int, tuple[str, ...], tuple[str, ...], tuple[str, ...]]
# What two neighbouring chunks hold, each and across their space: the mask of groups, and the
# longer spaced strings they may be part of, to be looked for in the post.
Pair = tuple[int, tuple[str, ...]]


class Index:
    """Many prefilters at once, for a run's pattern rules: which of them may match a post
    (see the module's docstring). A prefilter without requirements is always possible."""

    def __init__(self) -> None:
        self._groups: list[tuple[frozenset[str], ...]] = []  # each prefilter's groups, folded
        self._built = False
        self._masks: dict[str, int] = {}  # folded string -> the groups it is in
        self._always = 0  # the bits of prefilters without groups
        self._need: dict[int, int] = {}  # id -> the bits of its further groups
        self._trie: dict[str, dict] = {}  # character -> deeper node; "" -> the string ending here
        self._keyed: dict[str, list[str]] = {}  # run of word characters -> strings without white space containing it
        self._bare: list[str] = []  # strings without word characters or white space
        self._whole: dict[str, list[str]] = {}  # word -> the strings asking for it whole
        self._two: dict[tuple[str, str], int] = {}  # (first, last piece) -> mask of spaced strings of two pieces
        # spaced strings of three pieces or more, looked up by their first two pieces, or when
        # the first is empty by their second and third (the start of a chunk for three pieces)
        self._led: dict[tuple[str, str], tuple[str, ...]] = {}
        self._three: dict[tuple[str, str], tuple[str, ...]] = {}
        self._more: dict[tuple[str, str], tuple[str, ...]] = {}
        self._tails: frozenset[str] = frozenset()  # first pieces
        self._heads: frozenset[str] = frozenset()  # last pieces of strings of two pieces
        self._thirds: frozenset[str] = frozenset()  # last pieces of strings of three pieces
        self._open: list[str] = []  # strings with white space other than spaces: looked for in the post
        self._chunks: dict[str, Chunk] = {}
        self._pairs: dict[tuple[str, str], Pair] = {}

    def add(self, prefilter: Prefilter) -> int:
        """Register a prefilter; returns its id."""
        self._built = False
        self._groups.append(tuple(frozenset(fold(s) for _, s in g) for g in prefilter.groups))
        return len(self._groups) - 1

    def _assign(self) -> None:
        """Give every group its bit: the first group of prefilter i bit i, the others the
        bits after the last prefilter's."""
        self._masks, self._always, self._need = {}, 0, {}
        bit = len(self._groups)
        for i, groups in enumerate(self._groups):
            if not groups:  # digits are counted by the prefilter itself
                self._always |= 1 << i
                continue
            for number, group in enumerate(groups):
                if number:
                    self._need[i] = self._need.get(i, 0) | 1 << bit
                for s in group:
                    self._masks[s] = self._masks.get(s, 0) | 1 << (bit if number else i)
                bit += bool(number)

    def build(self) -> None:
        """Ready the index once every prefilter is in (otherwise done on first use)."""
        self._assign()
        self._keyed, self._bare, self._whole, self._two, self._open = {}, [], {}, {}, []
        self._led, self._three, self._more = {}, {}, {}
        terminals = set()
        tails, heads, thirds = set(), set(), set()
        for s in sorted(self._masks):
            if _WORD.fullmatch(s):
                terminals.add(s)
            elif (word := whole_word(s)) is not None:
                self._whole.setdefault(word, []).append(s)
            elif " " in s and not any(c.isspace() for c in s.replace(" ", "")):
                pieces = tuple(s.split(" "))
                tails.add(pieces[0])
                if len(pieces) == 2:
                    heads.add(pieces[1])
                    self._two[pieces] = self._two.get(pieces, 0) | self._masks[s]  # type: ignore[index]
                else:
                    if pieces[0]:
                        table = self._led
                    elif len(pieces) == 3:
                        table = self._three
                        thirds.add(pieces[2])
                    else:
                        table = self._more
                    key = pieces[:2] if pieces[0] else pieces[1:3]
                    table[key] = (*table.get(key, ()), s)  # type: ignore[index]
            elif any(c.isspace() for c in s):
                self._open.append(s)
            elif runs := _WORD.findall(s):
                key = max(runs, key=len)
                self._keyed.setdefault(key, []).append(s)
                terminals.add(key)
            else:
                self._bare.append(s)
        self._tails, self._heads, self._thirds = frozenset(tails), frozenset(heads), frozenset(thirds)
        self._trie = {}
        for s in terminals:
            node = self._trie
            for ch in s:
                node = node.setdefault(ch, {})
            node[""] = s  # type: ignore[assignment]
        self._chunks, self._pairs = {}, {}
        self._built = True

    def _mask(self, strings: Iterable[str]) -> int:
        mask = 0
        for s in strings:
            mask |= self._masks[s]
        return mask

    def _in_chunk(self, chunk: str) -> Chunk:
        """What a chunk of a post holds (see Chunk). Remembered: posts share most chunks."""
        found: set[str] = set()
        trie = self._trie
        for word in _WORD.findall(chunk):
            for i in range(len(word)):
                node = trie
                for ch in word[i:]:
                    node = node.get(ch)  # type: ignore[assignment]
                    if node is None:
                        break
                    if "" in node:
                        s = node[""]
                        if s in self._masks:
                            found.add(s)  # type: ignore[arg-type]
                        found.update(other for other in self._keyed.get(s, ()) if other in chunk)  # type: ignore[arg-type]
        found.update(other for other in self._bare if other in chunk)
        if self._whole:
            for word in _REGEX_WORD.findall(chunk):
                found.update(self._whole.get(word, ()))
        tails = tuple(chunk[i:] for i in range(len(chunk) + 1) if chunk[i:] in self._tails)
        heads = tuple(chunk[:i] for i in range(len(chunk) + 1) if chunk[:i] in self._heads)
        thirds = tuple(chunk[:i] for i in range(len(chunk) + 1) if chunk[:i] in self._thirds)
        if len(self._chunks) >= CACHE_CHUNKS:
            self._chunks.clear()
        out = self._chunks[chunk] = (self._mask(found), tails, heads, thirds)
        return out

    def _across(self, texts: tuple[str, str]) -> Pair:
        """What two neighbouring chunks (`texts`) hold, each and across the space between them
        (see Pair), so a post's pairs are all it needs looked up. Remembered."""
        before, after = texts
        first = self._chunks.get(before) or self._in_chunk(before)
        second = self._chunks.get(after) or self._in_chunk(after)
        mask = first[0] | second[0]
        two, led, three = self._two, self._led, self._three
        longer = self._more.get(texts, ())
        for tail in first[1]:
            for head in second[2]:
                mask |= two.get((tail, head), 0)
            longer += led.get((tail, after), ())
        for third in second[3]:
            longer += three.get((before, third), ())
        if len(self._pairs) >= CACHE_CHUNKS:
            self._pairs.clear()
        out = self._pairs[texts] = (mask, longer)
        return out

    def possible(self, folded: str | None) -> set[int]:
        """Ids of the prefilters with a string of each group in `folded` (`fold_post` of a
        post), and those without groups; all of them when `folded` is None."""
        if folded is None:
            return set(range(len(self._groups)))
        if not self._built:
            self.build()
        pairs, masks = self._pairs, self._masks
        chunks = folded.split(" ")
        mask = self._always
        if len(chunks) == 1:  # a pair holds what its two chunks hold: a post of one chunk has no pair
            mask |= (self._chunks.get(folded) or self._in_chunk(folded))[0]
        longer: set[str] = set()
        for key in zip(chunks, chunks[1:]):
            found, strings = pairs.get(key) or self._across(key)
            mask |= found
            if strings:
                longer.update(strings)
        # each string is looked for in the post once, however many pairs may start it, and not
        # at all when its groups are known to be there: a long post has thousands of pairs
        for s in (*longer, *self._open):
            if masks[s] & ~mask and s in folded:
                mask |= masks[s]
        out = set()
        need = self._need
        first = mask & ((1 << len(self._groups)) - 1)
        while first:
            low = first & -first
            i = low.bit_length() - 1
            rest = need.get(i)
            if rest is None or mask & rest == rest:
                out.add(i)
            first ^= low
        return out
