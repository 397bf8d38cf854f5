"""Clause boundaries of a doc, found once so that each query of the record builder is a look-up.

A clause boundary is a ";" or a clause conjunction outside brackets; the coordinated reading adds "however"
and a comma before a coordinator ("..., and", "..., which"). Brackets count from the position a query starts
at: a bracket opened before it is not seen, a closing bracket with none open is passed over.

For each position the tables hold the first boundary at or after it that such a query finds, reading past
brackets opened on the way (to the position after their matching close), so :meth:`first` answers what a
left-to-right walk over [start, end) would, in constant time.
"""

from __future__ import annotations

OPENING = ("(", "[")
CLOSING = (")", "]")


def matching_closes(words: list[str]) -> list[int]:
    """For each opening bracket the position of the bracket that closes it (either kind closes either, as
    one depth counter counts them), -1 where none does and at every other position."""
    closes = [-1] * len(words)
    opened: list[int] = []
    for i, word in enumerate(words):
        if word in OPENING:
            opened.append(i)
        elif word in CLOSING and opened:
            closes[opened.pop()] = i
    return closes


class ClauseBoundaries:
    """The next clause boundary after every token of a doc (``words``, ``lower``: its token texts, as
    typed and lower-cased), plain and coordinated, with ``max_tokens`` as the longest clause a query reads."""

    def __init__(self, words: list[str], lower: list[str], clause_words: frozenset[str] | set[str],
                 coordinators: frozenset[str] | set[str], max_tokens: int):
        self.max_tokens = max_tokens
        size = len(words)
        closes = matching_closes(words)
        self.comma_before_coordinator = [word == "," and i + 1 < size and lower[i + 1] in coordinators
                                         for i, word in enumerate(words)]
        plain = [size] * (size + 1)  # a position past the doc: no boundary
        coordinated = [size] * (size + 1)
        for i in range(size - 1, -1, -1):
            word = words[i]
            if word in OPENING:
                after = closes[i] + 1 if closes[i] >= 0 else size  # an unclosed bracket runs to the end
                plain[i], coordinated[i] = plain[after], coordinated[after]
            elif word in CLOSING:
                plain[i], coordinated[i] = plain[i + 1], coordinated[i + 1]
            elif word == ";" or lower[i] in clause_words:
                plain[i] = coordinated[i] = i
            else:
                plain[i] = plain[i + 1]
                coordinated[i] = i if lower[i] == "however" or self.comma_before_coordinator[i] else coordinated[i + 1]
        self.plain, self.coordinated = plain, coordinated

    def first(self, start: int, end: int, coordination: bool = False) -> int:
        """The first clause boundary outside brackets in [start, end), or ``end``; no clause runs past
        ``max_tokens`` (a longer range ends there). A comma counts before a coordinator only where the
        coordinator is inside the range too."""
        end = min(end, start + self.max_tokens)
        if start >= end:
            return end
        found = (self.coordinated if coordination else self.plain)[start]
        if found == end - 1 and coordination and self.comma_before_coordinator[found]:
            return end  # the coordinator that makes this comma a boundary lies past the range
        return found if found < end else end
