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
from itertools import pairwise

BREAK = 70.0  # width of a folded stretch, in pixels
FOLD_ABOVE = 3 * BREAK  # a stretch wider than this at the current scale is folded
MARGIN = 40.0
FIT_FOLD_HOURS = 24.0  # a fit folds no stretch shorter than a day
FIT_CLOSE_ENOUGH = 24.0  # pixels between the closest moments that a fit need not exceed
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
    """fold_above: the width in pixels over which an empty stretch is folded (FOLD_ABOVE unless
    a fit chose another, see fit_axis)."""

    def __init__(
        self,
        moments: Iterable[datetime],
        pixels_per_hour: float,
        fold_above: float = FOLD_ABOVE,
    ) -> None:
        self.pixels_per_hour = pixels_per_hour
        self.fold_above = fold_above
        points = sorted(set(moments))
        self.segments: list[Segment] = []
        self.folds: list[Fold] = []
        self._starts: list[datetime] = []
        if not points:
            return
        fold_after = timedelta(hours=fold_above / pixels_per_hour)
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


def fit_axis(
    moments: Iterable[datetime], width: float, min_scale: float, max_scale: float
) -> TimeAxis:
    """The axis that fills width exactly, its scale computed, not searched.

    Folding the k longest empty stretches leaves width - 2 * MARGIN - k * BREAK pixels for the
    rest, so the scale for each k is one division. A stretch may be folded only when it is at
    least a day long and longer than all the time drawn to scale (five years before two days
    of action; not a night between two scenes). Of those choices the fit keeps the one whose
    closest pair of moments is furthest apart (up to FIT_CLOSE_ENOUGH, then the fewest folds):
    a story told over one year stays linear, two days of action after a five-year flashback
    get the width.
    """
    points = sorted(set(moments))
    gaps = sorted(
        ((later - earlier).total_seconds() / _HOUR for earlier, later in pairwise(points)),
        reverse=True,
    )
    if not gaps:
        return TimeAxis(points, min(max_scale, max(min_scale, 1.0)))
    best: tuple[float, float, float] | None = None  # (closest pair in pixels, scale, fold_above)
    kept = sum(gaps)
    for folded in range(len(gaps)):  # fold gaps[:folded]; draw gaps[folded:] to scale
        if folded:
            kept -= gaps[folded - 1]
            if gaps[folded - 1] < max(FIT_FOLD_HOURS, kept):
                continue  # a night between two scenes, or less than what is drawn: not folded
        room = width - 2 * MARGIN - folded * BREAK
        if room < BREAK:
            break
        scale = room / kept
        if not min_scale <= scale <= max_scale:
            continue
        longest_kept = gaps[folded] * scale
        if folded:
            shortest_folded = gaps[folded - 1] * scale
            if shortest_folded <= BREAK:
                continue  # the fold would be wider than the stretch
            fold_above = (longest_kept + shortest_folded) / 2
        else:
            fold_above = max(FOLD_ABOVE, longest_kept * 2)
        closest = min(gaps[-1] * scale, FIT_CLOSE_ENOUGH)  # further apart reads no better
        if best is None or closest > best[0]:
            best = (closest, scale, fold_above)
    if best is None:  # nothing fills the width: draw it all to scale, as wide as allowed
        scale = min(max_scale, max(min_scale, (width - 2 * MARGIN) / sum(gaps)))
        return TimeAxis(points, scale, max(FOLD_ABOVE, gaps[0] * scale * 2))
    return TimeAxis(points, best[1], best[2])


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
