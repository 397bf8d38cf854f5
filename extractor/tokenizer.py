"""The scispaCy tokenizer, kept linear on runs of text without spaces.

spaCy applies its prefix, suffix and infix patterns to each whitespace-free chunk, and on a very long
chunk ("," * 50000, a pasted table with no spaces) those searches rescan the chunk for every piece
they cut off: minutes for one request. Chunks longer than ``max_chunk`` characters are cut into
fixed-size tokens instead; everything else goes to the wrapped tokenizer unchanged, so ordinary text
is tokenized exactly as before and offsets always match the text.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

MAX_CHUNK = 400


class BoundedTokenizer:
    """Wraps a spaCy tokenizer; ``__call__`` returns a Doc over exactly the same text."""

    def __init__(self, inner, max_chunk: int = MAX_CHUNK):
        self.inner = inner
        self.max_chunk = max_chunk
        self.long_chunk = re.compile(rf"\S{{{max_chunk + 1},}}")

    def __call__(self, text: str) -> Doc:
        if not self.long_chunk.search(text):
            return self.inner(text)
        parts: list[Doc] = []
        position = 0
        for match in self.long_chunk.finditer(text):
            if match.start() > position:
                parts.append(self.inner(text[position:match.start()]))
            chunk = match.group()
            pieces = [chunk[i:i + self.max_chunk] for i in range(0, len(chunk), self.max_chunk)]
            parts.append(Doc(self.inner.vocab, words=pieces, spaces=[False] * len(pieces)))
            position = match.end()
        if position < len(text):
            parts.append(self.inner(text[position:]))
        return Doc.from_docs(parts, ensure_whitespace=False)

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        # everything else (vocab, rules, explain, ...) is the wrapped tokenizer's
        return getattr(self.inner, name)

    def to_bytes(self, **kwargs) -> bytes:
        return self.inner.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs) -> "BoundedTokenizer":
        self.inner.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path, **kwargs) -> None:
        self.inner.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs) -> "BoundedTokenizer":
        self.inner.from_disk(path, **kwargs)
        return self
