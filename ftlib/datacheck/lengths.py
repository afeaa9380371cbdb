"""Length distributions built in one pass and fixed memory.

A training file can hold millions of examples, so lengths are not kept: each is
dropped into one of a fixed set of bins whose edges grow by about 9% (eight per
doubling). Count, total, minimum and maximum are exact; percentiles are read
from the bins and are exact to within one bin.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..core.errors import check_number

__all__ = ["LengthDistribution", "LengthTally", "LENGTH_BIN_EDGES"]


def _edges() -> tuple[int, ...]:
    """0, 1, 2, ... then about 8 edges per doubling, up to 2**30."""
    edges = {0}
    for k in range(0, 8 * 30 + 1):
        edges.add(round(2 ** (k / 8)))
    return tuple(sorted(edges))


LENGTH_BIN_EDGES: tuple[int, ...] = _edges()  # bin i holds lengths in [edges[i], edges[i+1])


@dataclass(frozen=True)
class LengthDistribution:
    """Summary of many lengths (tokens or characters): exact count, sum, min, max; binned shape.

    ``bin_counts[i]`` counts lengths in ``[bin_edges[i], bin_edges[i+1])``; only the
    span from the first to the last non-empty bin is kept.
    """

    count: int = 0
    total: int = 0
    minimum: int = 0
    maximum: int = 0
    bin_edges: tuple[int, ...] = ()
    bin_counts: tuple[int, ...] = ()

    @property
    def mean(self) -> float:
        """Average length (0.0 when empty)."""
        return self.total / self.count if self.count else 0.0

    def percentile(self, q: float) -> int:
        """Length below which about ``q`` percent of items fall (upper edge of that bin, within min..max).

        Examples
        --------
        >>> tally = LengthTally()
        >>> for n in [10, 10, 10, 1000]:
        ...     tally.add(n)
        >>> tally.result().percentile(50)
        10
        >>> tally.result().percentile(100)
        1000
        """
        q = check_number("q", q, minimum=0, maximum=100)
        if not self.count:
            return 0
        rank = q / 100 * self.count
        seen = 0
        for i, n in enumerate(self.bin_counts):
            seen += n
            if n and seen >= rank:
                upper = self.bin_edges[i + 1] - 1
                return max(self.minimum, min(upper, self.maximum))
        return self.maximum

    def __repr__(self) -> str:
        return f"LengthDistribution(count={self.count}, mean={self.mean:.1f}, min={self.minimum}, max={self.maximum})"


@dataclass
class LengthTally:
    """A mutable, fixed-size accumulator; ``result()`` freezes it into a :class:`LengthDistribution`.

    Examples
    --------
    >>> tally = LengthTally()
    >>> for n in (3, 5, 8):
    ...     tally.add(n)
    >>> d = tally.result()
    >>> d.count, d.total, d.minimum, d.maximum
    (3, 16, 3, 8)
    """

    _counts: list[int] = field(default_factory=lambda: [0] * (len(LENGTH_BIN_EDGES) - 1))
    count: int = 0
    total: int = 0
    minimum: int = 0
    maximum: int = 0

    def add(self, length: int) -> None:
        """Record one non-negative whole length (bigger than the last edge lands in the last bin)."""
        i = min(bisect.bisect_right(LENGTH_BIN_EDGES, length) - 1, len(self._counts) - 1)
        self._counts[i] += 1
        if not self.count or length < self.minimum:
            self.minimum = length
        if length > self.maximum:
            self.maximum = length
        self.count += 1
        self.total += length

    def result(self) -> LengthDistribution:
        """The frozen summary."""
        used = [i for i, n in enumerate(self._counts) if n]
        if not used:
            return LengthDistribution()
        lo, hi = used[0], used[-1]
        return LengthDistribution(
            self.count,
            self.total,
            self.minimum,
            self.maximum,
            LENGTH_BIN_EDGES[lo : hi + 2],
            tuple(self._counts[lo : hi + 1]),
        )
