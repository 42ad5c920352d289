"""Figures and how they are printed: an aligned table, or one JSON object per line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """A limit on the ratio value/reference (at most), or on the value itself (at least)."""

    limit: float
    at_least_value: bool = False

    def passes(self, value: float, ratio: float) -> bool:
        if self.at_least_value:
            return value >= self.limit
        return ratio <= self.limit

    def describe(self, unit: str) -> str:
        if self.at_least_value:
            return f">= {self.limit:,.0f} {unit}"
        return f"<= {self.limit:g}x"


@dataclass(frozen=True)
class Figure:
    """One row: value and reference in the same unit, measured in the same run."""

    name: str
    size: str
    value: float | None
    unit: str
    reference: float | None
    target: str
    passed: bool | None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.reference:
            return None
        return self.value / self.reference

    def as_json(self) -> str:
        ratio = self.ratio
        return json.dumps(
            {
                "name": self.name,
                "size": self.size,
                "value": None if self.value is None else round(self.value, 4),
                "unit": self.unit,
                "reference": None if self.reference is None else round(self.reference, 4),
                "ratio": None if ratio is None else round(ratio, 4),
                "target": self.target,
                "pass": self.passed,
                "note": self.note,
            },
            ensure_ascii=False,
        )


def measured(
    name: str,
    size: str,
    value: float,
    reference: float,
    unit: str,
    target: Target,
    note: str = "",
) -> Figure:
    ratio = value / reference if reference else float("inf")
    return Figure(
        name=name,
        size=size,
        value=value,
        unit=unit,
        reference=reference,
        target=target.describe(unit),
        passed=target.passes(value, ratio),
        note=note,
    )


def timed(
    name: str, size: str, seconds: float, reference: float, target: Target, note: str = ""
) -> Figure:
    """A figure from two times in seconds, shown in milliseconds."""
    return measured(name, size, seconds * 1000, reference * 1000, "ms", target, note)


def untargeted(
    name: str, size: str, value: float, reference: float, unit: str, note: str
) -> Figure:
    """A figure shown for honesty beside a targeted one: its ratio, and no target ("—")."""
    return Figure(name, size, value, unit, reference, "—", None, note)


def unavailable(name: str, size: str, unit: str, target: Target, why: str) -> Figure:
    return Figure(name, size, None, unit, None, target.describe(unit), None, why)


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 100_000:
        return f"{value:,.0f}"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(figures: Iterable[Figure]) -> str:
    """The figures as an aligned plain-text table (a note, when any, under its row)."""
    header = ("figure", "size", "value", "reference", "unit", "ratio", "target", "result")
    rows: list[tuple[str, ...]] = []
    notes: dict[int, str] = {}
    for figure in figures:
        ratio = figure.ratio
        result = {True: "pass", False: "MISS", None: "n/a"}[figure.passed]
        rows.append(
            (
                figure.name,
                figure.size,
                _number(figure.value),
                _number(figure.reference),
                figure.unit,
                "-" if ratio is None else f"{ratio:.2f}x",
                figure.target,
                result,
            )
        )
        if figure.note:
            notes[len(rows) - 1] = figure.note
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    right = {2, 3, 5}

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(header), line(tuple("-" * w for w in widths))]
    for index, row in enumerate(rows):
        out.append(line(row))
        if index in notes:
            out.append(f"    ({notes[index]})")
    return "\n".join(out)
