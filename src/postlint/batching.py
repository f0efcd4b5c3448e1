"""Runs of posts cut into lists that are held in memory at once: the linter's
batches and the chunks handed to worker processes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, Iterator, TypeVar

if TYPE_CHECKING:
    from .model import Post

T = TypeVar("T")


def batches(items: Iterable[T], size: int, chars: int, text: Callable[[T], str]) -> Iterator[list[T]]:
    """Lists of `size` items, or fewer once their texts hold `chars` characters: a list is
    held whole until it is done with, and one post can be a whole long file. `items` is
    drawn only as each list fills."""
    batch: list[T] = []
    held = 0
    for item in items:
        batch.append(item)
        held += len(text(item))
        if len(batch) == size or held >= chars:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def post_text(post: "Post") -> str:
    """What a batch of posts is measured by."""
    return post.text
