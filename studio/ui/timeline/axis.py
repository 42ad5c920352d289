"""The timeline's time axis: story time to x and back, with long empty stretches folded.

A spy novel's clock is lumpy: two days of action in June 2019 and a flashback five years
earlier. A plain linear axis would squeeze the two days into a dot, so the axis is linear at
the zoom's scale (pixels per hour) wherever things happen, and any empty stretch that would be
wider than FOLD_ABOVE pixels is folded into a BREAK-pixel break labelled with its length
("4 years"). The mapping stays monotonic, so story order is always left to right.
Pure Python (no Qt), so it is tested without a display.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

BREAK = 70.0  # width of a folded stretch, in pixels
FOLD_ABOVE = 3 * BREAK  # a stretch wider than this at the current scale is folded
MARGIN = 40.0
_HOUR = 3600.0


@dataclass(frozen=True)
class Segment:
    """A stretch of story time drawn at full scale, from x0 on."""

    start: datetime
    end: datetime
    x0: float


@dataclass(frozen=True)
class Fold:
    """An empty stretch drawn as a break: where it is, and how long it is in story time."""

    x0: float
    x1: float
    length: timedelta

    @property
    def label(self) -> str:
        return duration_text(self.length)


def duration_text(length: timedelta) -> str:
    days = length.total_seconds() / 86400
    for size, name in ((365.2425, "year"), (30.436875, "month"), (7, "week"), (1, "day")):
        if days >= size:
            count = round(days / size)
            return f"{count} {name}{'s' if count != 1 else ''}"
    hours = round(length.total_seconds() / 3600)
    return f"{hours} hour{'s' if hours != 1 else ''}"


class TimeAxis:
    def __init__(self, moments: Iterable[datetime], pixels_per_hour: float) -> None:
        self.pixels_per_hour = pixels_per_hour
        points = sorted(set(moments))
        self.segments: list[Segment] = []
        self.folds: list[Fold] = []
        if not points:
            return
        fold_after = timedelta(hours=FOLD_ABOVE / pixels_per_hour)
        start = previous = points[0]
        x = MARGIN
        for point in points[1:]:
            if point - previous > fold_after:
                self.segments.append(Segment(start, previous, x))
                x += self._width(start, previous)
                self.folds.append(Fold(x, x + BREAK, point - previous))
                x += BREAK
                start = point
            previous = point
        self.segments.append(Segment(start, previous, x))
        self._starts = [s.start for s in self.segments]

    def _width(self, start: datetime, end: datetime) -> float:
        return (end - start).total_seconds() / _HOUR * self.pixels_per_hour

    @property
    def width(self) -> float:
        if not self.segments:
            return 2 * MARGIN
        last = self.segments[-1]
        return last.x0 + self._width(last.start, last.end) + MARGIN

    def x(self, moment: datetime) -> float:
        """Where moment is drawn (clamped to the first and last moments on the axis)."""
        if not self.segments:
            return MARGIN
        index = bisect_right(self._starts, moment) - 1
        if index < 0:
            return self.segments[0].x0
        segment = self.segments[index]
        if moment <= segment.end:
            return segment.x0 + self._width(segment.start, moment)
        if index + 1 == len(self.segments):
            return segment.x0 + self._width(segment.start, segment.end)
        fold = self.folds[index]
        share = (moment - segment.end) / fold.length
        return fold.x0 + share * (fold.x1 - fold.x0)

    def moment(self, x: float) -> datetime:
        """The story time drawn at x (the inverse of x())."""
        if not self.segments:
            return datetime(2000, 1, 1)
        for index, segment in enumerate(self.segments):
            end_x = segment.x0 + self._width(segment.start, segment.end)
            if x <= end_x or index + 1 == len(self.segments):
                offset = max(0.0, min(x, end_x) - segment.x0)
                return segment.start + timedelta(hours=offset / self.pixels_per_hour)
            fold = self.folds[index]
            if x < fold.x1:
                share = (x - fold.x0) / (fold.x1 - fold.x0)
                return segment.end + fold.length * share
        return self.segments[-1].end

    def ticks(self, spacing: float = 90.0) -> list[tuple[float, datetime, str]]:
        """(x, moment, label) for axis ticks at least spacing pixels apart, segment by segment."""
        step, fmt = _tick_step(spacing / self.pixels_per_hour)
        ticks: list[tuple[float, datetime, str]] = []
        for segment in self.segments:
            moment = _floor(segment.start, step)
            if moment < segment.start:
                moment = _advance(moment, step)
            ticks.append((self.x(segment.start), segment.start, _label(segment.start, step)))
            while moment <= segment.end:
                x = self.x(moment)
                if x - ticks[-1][0] >= spacing * 0.6:
                    ticks.append((x, moment, _label(moment, step, fmt)))
                moment = _advance(moment, step)
        return ticks


# Tick steps, finest first: (hours, strftime form used between the coarser labels).
_STEPS: list[tuple[float, str]] = [
    (0.25, "%H:%M"),
    (1, "%H:%M"),
    (3, "%H:%M"),
    (6, "%H:%M"),
    (24, "%d %b"),
    (24 * 7, "%d %b"),
    (24 * 30, "%b %Y"),
    (24 * 91, "%b %Y"),
    (24 * 365, "%Y"),
    (24 * 365 * 5, "%Y"),
    (24 * 365 * 10, "%Y"),
]


def _tick_step(hours: float) -> tuple[float, str]:
    return next(((h, f) for h, f in _STEPS if h >= hours), _STEPS[-1])


def _floor(moment: datetime, step: float) -> datetime:
    if step >= 24 * 365:
        years = int(step // (24 * 365))
        return datetime(moment.year - moment.year % years, 1, 1)
    if step >= 24 * 30:
        months = 3 if step >= 24 * 91 else 1
        return datetime(moment.year, moment.month - (moment.month - 1) % months, 1)
    if step >= 24:
        return moment.replace(hour=0, minute=0, second=0, microsecond=0)
    minutes = int(step * 60)
    total = moment.hour * 60 + moment.minute
    floored = total - total % minutes
    return moment.replace(hour=floored // 60, minute=floored % 60, second=0, microsecond=0)


def _advance(moment: datetime, step: float) -> datetime:
    if step >= 24 * 30:
        months = round(step / (24 * 30.436875))
        index = moment.year * 12 + moment.month - 1 + months
        return datetime(index // 12, index % 12 + 1, 1)
    return moment + timedelta(hours=step)


def _label(moment: datetime, step: float, fmt: str | None = None) -> str:
    """A segment's first tick says the full date; the others only what changes."""
    if fmt is None:
        if step >= 24 * 365:
            return str(moment.year)
        if step >= 24 * 30:
            return moment.strftime("%b %Y")
        return moment.strftime("%d %b %Y" if step >= 24 else "%d %b %Y %H:%M")
    if fmt == "%H:%M" and moment.hour == 0 and moment.minute == 0:
        return moment.strftime("%d %b")
    return moment.strftime(fmt)
