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
the next starts with "sick"; a longer one ("off work sick") also needs the chunks
in between to be its middle words, which are checked in the post."""

from __future__ import annotations

import re

from .prefilter import _REGEX_WORD, Prefilter, fold, whole_word

# Runs of word characters. A required string made only of them can occur only inside one
# run, so the runs of a post (few, and mostly seen before) are looked up instead of the post.
_WORD = re.compile(r"\w+")
# Chunks (and pairs of them) remembered with the required strings inside them; cleared past this many.
CACHE_CHUNKS = 50_000

# What a chunk holds: ids whose first group it has a string of, the strings it holds, the
# first pieces of spaced strings it ends with and the last pieces of two-piece ones it starts with.
Chunk = tuple[frozenset[int], frozenset[str], tuple[str, ...], tuple[str, ...]]
# What two neighbouring chunks hold across their space: ids, strings, and the longer spaced
# strings (with their pieces) whose first two pieces are there, still to be checked further on.
Pair = tuple[frozenset[int], frozenset[str], tuple[tuple[str, tuple[str, ...]], ...]]


class Index:
    """Many prefilters at once, for a run's pattern rules: which of them may match a post
    (see the module's docstring). A prefilter without requirements is always possible."""

    def __init__(self) -> None:
        self._owners: dict[str, list[int]] = {}  # folded string of a first group -> ids needing it
        self._rest: dict[int, tuple[frozenset[str], ...]] = {}  # id -> its further groups, folded
        self._strings: set[str] = set()  # every folded string of every group
        self._always: set[int] = set()
        self._count = 0
        self._built = False
        self._trie: dict[str, dict] = {}  # character -> deeper node; "" -> the string ending here
        self._keyed: dict[str, list[str]] = {}  # run of word characters -> strings without white space containing it
        self._bare: list[str] = []  # strings without word characters or white space
        self._whole: dict[str, list[str]] = {}  # word -> the strings asking for it whole
        self._two: dict[tuple[str, str], list[str]] = {}  # (first, last piece) -> spaced strings of two pieces
        self._more: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = {}  # (first, second) -> longer ones
        self._tails: frozenset[str] = frozenset()  # first pieces
        self._heads: frozenset[str] = frozenset()  # last pieces of strings of two pieces
        self._open: list[str] = []  # strings with white space other than spaces: looked for in the post
        self._chunks: dict[str, Chunk] = {}
        self._pairs: dict[tuple[str, str], Pair] = {}

    def add(self, prefilter: Prefilter) -> int:
        """Register a prefilter; returns its id."""
        number = self._count
        self._count += 1
        self._built = False
        groups = [frozenset(fold(s) for _, s in g) for g in prefilter.groups]
        if not groups:  # digits are counted by the prefilter itself
            self._always.add(number)
            return number
        for s in groups[0]:
            self._owners.setdefault(s, []).append(number)
        if len(groups) > 1:
            self._rest[number] = tuple(groups[1:])
        self._strings.update(*groups)
        return number

    def build(self) -> None:
        """Ready the index once every prefilter is in (otherwise done on first use)."""
        self._keyed, self._bare, self._whole, self._two, self._more, self._open = {}, [], {}, {}, {}, []
        terminals = set()
        tails, heads = set(), set()
        for s in sorted(self._strings):
            if _WORD.fullmatch(s):
                terminals.add(s)
            elif (word := whole_word(s)) is not None:
                self._whole.setdefault(word, []).append(s)
            elif " " in s and not any(c.isspace() for c in s.replace(" ", "")):
                pieces = tuple(s.split(" "))
                tails.add(pieces[0])
                if len(pieces) == 2:
                    heads.add(pieces[1])
                    self._two.setdefault(pieces, []).append(s)  # type: ignore[arg-type]
                else:
                    self._more.setdefault(pieces[:2], []).append((s, pieces))
            elif any(c.isspace() for c in s):
                self._open.append(s)
            elif runs := _WORD.findall(s):
                key = max(runs, key=len)
                self._keyed.setdefault(key, []).append(s)
                terminals.add(key)
            else:
                self._bare.append(s)
        self._tails, self._heads = frozenset(tails), frozenset(heads)
        self._trie = {}
        for s in terminals:
            node = self._trie
            for ch in s:
                node = node.setdefault(ch, {})
            node[""] = s  # type: ignore[assignment]
        self._chunks, self._pairs = {}, {}
        self._built = True

    def _ids(self, strings: set[str]) -> frozenset[int]:
        owners = self._owners
        return frozenset(i for s in strings for i in owners.get(s, ()))

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
                        if s in self._strings:
                            found.add(s)  # type: ignore[arg-type]
                        found.update(other for other in self._keyed.get(s, ()) if other in chunk)  # type: ignore[arg-type]
        found.update(other for other in self._bare if other in chunk)
        if self._whole:
            for word in _REGEX_WORD.findall(chunk):
                found.update(self._whole.get(word, ()))
        tails = tuple(chunk[i:] for i in range(len(chunk) + 1) if chunk[i:] in self._tails)
        heads = tuple(chunk[:i] for i in range(len(chunk) + 1) if chunk[:i] in self._heads)
        if len(self._chunks) >= CACHE_CHUNKS:
            self._chunks.clear()
        out = self._chunks[chunk] = (self._ids(found), frozenset(found), tails, heads)
        return out

    def _across(self, first: Chunk, second: Chunk, after: str) -> Pair:
        """What two neighbouring chunks hold across the space between them (see Pair);
        `after` is the second chunk's text."""
        found: set[str] = set()
        longer = []
        for tail in first[2]:
            for head in second[3]:
                found.update(self._two.get((tail, head), ()))
            longer.extend(self._more.get((tail, after), ()))
        return self._ids(found), frozenset(found), tuple(longer)

    def possible(self, folded: str | None) -> set[int]:
        """Ids of the prefilters with a string of each group in `folded` (`fold_post` of a
        post), and those without groups; all of them when `folded` is None."""
        if folded is None:
            return set(range(self._count))
        if not self._built:
            self.build()
        known, pairs = self._chunks, self._pairs
        chunks = folded.split(" ")
        infos = [known.get(c) or self._in_chunk(c) for c in chunks]
        found = set(self._always)
        present: set[str] = set()
        for ids, strings, _, _ in infos:
            if strings:
                found.update(ids)
                present.update(strings)
        for i in range(len(chunks) - 1):
            key = (chunks[i], chunks[i + 1])
            pair = pairs.get(key)
            if pair is None:
                if len(pairs) >= CACHE_CHUNKS:
                    pairs.clear()
                pair = pairs[key] = self._across(infos[i], infos[i + 1], chunks[i + 1])
            ids, strings, longer = pair
            if strings:
                found.update(ids)
                present.update(strings)
            for s, pieces in longer:
                if self._continues(chunks, i, pieces):
                    present.add(s)
                    found.update(self._owners.get(s, ()))
        for other in self._open:
            if other in folded:
                present.add(other)
                found.update(self._owners.get(other, ()))
        rest = self._rest
        return {i for i in found if i not in rest or all(not g.isdisjoint(present) for g in rest[i])}

    @staticmethod
    def _continues(chunks: list[str], i: int, pieces: tuple[str, ...]) -> bool:
        """Whether a spaced string whose first two pieces are at chunks i and i + 1 goes on
        to its last: the middle pieces are whole chunks and the last begins the next."""
        last = i + len(pieces) - 1
        if last >= len(chunks):
            return False
        return chunks[last].startswith(pieces[-1]) and all(
            chunks[i + j] == pieces[j] for j in range(2, len(pieces) - 1))
