"""Story time: when a scene or event happens in the story, exact or approximate.

A writer types "2019-06-14 21:30", "14 June 2019", "June 2019", "summer 2019", "late 1805",
"1792", "the 1790s" or "c. 1792". Each becomes a span [start, end] with a precision; exact and
approximate times sort together by (start, end), and the best guess is the span's middle.
"""

from __future__ import annotations

import calendar
import enum
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from studio.core.errors import StoryTimeError


class Precision(enum.StrEnum):
    MINUTE = "minute"
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    PART_OF_YEAR = "part-of-year"
    YEAR = "year"
    CIRCA = "circa"
    DECADE = "decade"


@dataclass(frozen=True, order=False)
class StoryTime:
    text: str
    start: datetime
    end: datetime
    precision: Precision

    @property
    def exact(self) -> bool:
        return self.precision is Precision.MINUTE

    @property
    def best_guess(self) -> datetime:
        return self.start + (self.end - self.start) / 2

    @property
    def sort_key(self) -> tuple[datetime, datetime]:
        return (self.start, self.end)

    def overlaps(self, other: StoryTime) -> bool:
        return self.start <= other.end and other.start <= self.end

    @classmethod
    def from_stored(cls, text: str, start: datetime, end: datetime, precision: str) -> StoryTime:
        return cls(text, start, end, Precision(precision))


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:[ t,]+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
_YEAR = r"(?P<year>\d{1,4})"

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^{_YEAR}-(?P<m>\d{{1,2}})-(?P<day>\d{{1,2}}){_TIME}$"), "iso"),
    (re.compile(rf"^{_YEAR}-(?P<m>\d{{1,2}})$"), "iso-month"),
    (re.compile(rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}{_TIME}$"), "dmy"),
    (re.compile(rf"^{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}{_TIME}$"), "mdy"),
    (re.compile(rf"^{_MONTH},?\s+{_YEAR}$"), "month"),
    (re.compile(rf"^(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}$"), "season"),
    (re.compile(rf"^(?P<part>early|mid|middle|late)[\s-]+{_YEAR}$"), "part"),
    (re.compile(r"^(?:the\s+)?(?P<decade>\d{3}0)'?s$"), "decade"),
    (re.compile(rf"^(?:c\.|ca\.|circa|about|around)\s*{_YEAR}$"), "circa"),
    (re.compile(rf"^{_YEAR}$"), "year"),
]

_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_PART_OF_YEAR = {"early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12)}
_CIRCA_YEARS = 2


def _month_span(year: int, first: int, last: int) -> tuple[datetime, datetime]:
    """From the first moment of month first to the last second of month last, in year."""
    last_day = calendar.monthrange(year, last)[1]
    return datetime(year, first, 1), datetime(year, last, last_day, 23, 59, 59)


def _day(year: int, month: int, day: int) -> datetime:
    try:
        return datetime(year, month, day)
    except ValueError as error:
        raise StoryTimeError(
            f"{year:04d}-{month:02d}-{day:02d} is not a date ({error})."
        ) from error


def _with_time(text: str, day: datetime, m: re.Match[str]) -> StoryTime:
    if m.group("hour") is None:
        return StoryTime(text, day, day + timedelta(days=1, seconds=-1), Precision.DAY)
    hour, minute = int(m.group("hour")), int(m.group("minute"))
    second = int(m.group("second") or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise StoryTimeError(f"{text!r} has no such time of day; write it as 21:30.")
    moment = day.replace(hour=hour, minute=minute, second=second)
    return StoryTime(text, moment, moment, Precision.MINUTE)


def parse_story_time(text: str) -> StoryTime:
    """The story time a writer typed, or StoryTimeError saying which forms are understood."""
    cleaned = " ".join(text.strip().split())
    lowered = cleaned.lower()
    if not lowered:
        raise StoryTimeError("A story time cannot be empty; leave it unset instead.")
    for pattern, kind in _PATTERNS:
        m = pattern.match(lowered)
        if m:
            try:
                return _build(cleaned, kind, m)
            except ValueError as error:  # a span running past the year 9999
                raise StoryTimeError(
                    f"{cleaned!r} runs past the year 9999, the last one Safehouse can place."
                ) from error
    raise StoryTimeError(
        f"{cleaned!r} is not a story time Safehouse understands; try 2019-06-14 21:30, "
        "14 June 2019, June 2019, summer 2019, late 1805, 1792, the 1790s or c. 1792."
    )


def _build(text: str, kind: str, m: re.Match[str]) -> StoryTime:
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else 0
    if kind != "decade" and not 1 <= year <= 9999:
        raise StoryTimeError(f"{text!r}: the year must be between 1 and 9999.")
    if kind in ("iso", "dmy", "mdy"):
        month = int(groups["m"]) if kind == "iso" else _MONTHS[groups["month"]]
        return _with_time(text, _day(year, month, int(groups["day"])), m)
    if kind in ("iso-month", "month"):
        month = int(groups["m"]) if kind == "iso-month" else _MONTHS[groups["month"]]
        if not 1 <= month <= 12:
            raise StoryTimeError(f"{text!r}: there is no month {month}.")
        return StoryTime(text, *_month_span(year, month, month), Precision.MONTH)
    if kind == "season":
        first = _SEASON_START[groups["season"]]
        start = datetime(year, first, 1)
        last_year, last_month = (year + 1, 2) if first == 12 else (year, first + 2)
        _, end = _month_span(last_year, last_month, last_month)
        return StoryTime(text, start, end, Precision.SEASON)
    if kind == "part":
        first, last = _PART_OF_YEAR[groups["part"]]
        return StoryTime(text, *_month_span(year, first, last), Precision.PART_OF_YEAR)
    if kind == "decade":
        decade = int(groups["decade"])
        _, end = _month_span(decade + 9, 12, 12)
        return StoryTime(text, datetime(max(decade, 1), 1, 1), end, Precision.DECADE)
    if kind == "circa":
        first_year = max(1, year - _CIRCA_YEARS)
        _, end = _month_span(min(9999, year + _CIRCA_YEARS), 12, 12)
        return StoryTime(text, datetime(first_year, 1, 1), end, Precision.CIRCA)
    return StoryTime(text, *_month_span(year, 1, 12), Precision.YEAR)
