"""Timing: the median of several runs after a warm-up, a figure and its reference interleaved.

Interleaving (value, reference, value, reference, ...) means a burst of load on a shared machine
slows both sides of a ratio alike instead of only one of them.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Step:
    """What one run does: `before` (not timed), `timed`, then `after` (not timed)."""

    timed: Callable[[], Any]
    before: Callable[[], Any] | None = None
    after: Callable[[Any], Any] | None = None

    def once(self) -> float:
        if self.before is not None:
            self.before()
        start = time.perf_counter()
        result = self.timed()
        elapsed = time.perf_counter() - start
        if self.after is not None:
            self.after(result)
        return elapsed


def pair(value: Step, reference: Step, runs: int) -> tuple[float, float]:
    """Median seconds of value and of reference, each warmed up once, runs interleaved."""
    value.once()
    reference.once()
    values: list[float] = []
    references: list[float] = []
    for _ in range(max(1, runs)):
        values.append(value.once())
        references.append(reference.once())
    return statistics.median(values), statistics.median(references)


def median_of(step: Step, runs: int) -> float:
    """Median seconds of step after one warm-up run."""
    step.once()
    return statistics.median(step.once() for _ in range(max(1, runs)))
