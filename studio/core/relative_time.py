"""Relative story time: "5 years before", "two days after", "the same evening", "the next morning".

A scene or event may hang on another one (its anchor). The writer's phrase is parsed into a
RelativeOffset; shift() applies it to the anchor's story time. The rules a writer would expect:

- Hours and minutes keep the anchor's time of day: "3 hours after" 21:30 is 00:30, still exact.
- Days and weeks land on a whole day ("2 days after" 14 June 21:30 is 16 June, the whole day).
- Months and years land on a whole month ("5 years before" 14 June 2019 is June 2014): nobody
  counting years means the same day of the month.
- "the same evening" / "the next morning" pick that part of the day (morning 06-12, afternoon
  12-18, evening 18-22, night 22-06) when the anchor is pinned to a day; on a vaguer anchor
  ("June 2019") they only move by whole days.
- An approximate anchor stays approximate: the result is never more precise than the anchor.
- "about", "around", "a few", "several", "some" make the offset itself approximate: the span
  widens by a quarter of the amount (at least one unit) on each side.
"""

from __future__ import annotations

import calendar
import enum
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from studio.core.errors import StoryTimeError
from studio.core.story_time import Precision, StoryTime
from studio.core.story_time_text import PRECISION_RANK, coarser, story_time_text


class Unit(enum.StrEnum):
    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class PartOfDay(enum.StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"
    NIGHT = "night"


@dataclass(frozen=True)
class RelativeOffset:
    """How far from its anchor an item is: amount (negative = before) of unit."""

    text: str
    amount: int
    unit: Unit
    approximate: bool = False
    part_of_day: PartOfDay | None = None
    rest_of_day: int = 0  # +1 "later that day", -1 "earlier that day"


# Hours of each part of the day, [first, last): night runs past midnight.
_PART_HOURS = {
    PartOfDay.MORNING: (6, 12),
    PartOfDay.AFTERNOON: (12, 18),
    PartOfDay.EVENING: (18, 22),
    PartOfDay.NIGHT: (22, 30),
}
_UNIT_NAMES = {
    "minute": Unit.MINUTE,
    "min": Unit.MINUTE,
    "hour": Unit.HOUR,
    "hr": Unit.HOUR,
    "day": Unit.DAY,
    "night": Unit.DAY,
    "week": Unit.WEEK,
    "fortnight": Unit.WEEK,
    "month": Unit.MONTH,
    "year": Unit.YEAR,
    "decade": Unit.YEAR,
}
_UNIT_FACTOR = {"fortnight": 2, "decade": 10}
_NUMBERS = {
    word: number
    for number, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_NUMBERS |= {"a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
_VAGUE_AMOUNTS = {"a couple of": 2, "a couple": 2, "a few": 3, "few": 3, "several": 5, "some": 3}
_BEFORE = {"before", "earlier", "ago", "prior", "previously", "back"}
_AFTER = {"after", "later", "afterwards", "afterward", "on", "since"}
_APPROX_WORDS = r"about|around|roughly|approximately|nearly|almost|some|over|~|c\.|circa"

_AMOUNT = (
    r"(?P<amount>\d+|half an?|"
    + "|".join(sorted(map(re.escape, [*_VAGUE_AMOUNTS, *_NUMBERS]), key=len, reverse=True))
    + ")"
)
_COUNTED = re.compile(
    rf"^(?:(?P<approx>{_APPROX_WORDS})\s+)?{_AMOUNT}\s+(?P<unit>[a-z]+?)s?\s+"
    rf"(?P<dir>{'|'.join(sorted(_BEFORE | _AFTER))})(?:\s+(?:that|this|it|then))?$"
)
_PART = "(?P<part>day|morning|afternoon|evening|night)"
_NEXT = "next|following|subsequent"
_PREVIOUS = "previous|preceding"
_FIXED: list[tuple[re.Pattern[str], int]] = [
    (re.compile(rf"^(?:the\s+|that\s+)?(?:very\s+)?same\s+{_PART}$"), 0),
    (re.compile(rf"^(?:that|this)\s+{_PART}$"), 0),
    (re.compile(rf"^(?:the\s+)?(?:{_NEXT})\s+{_PART}$"), 1),
    (re.compile(rf"^(?:the\s+)?{_PART}\s+after$"), 1),
    (re.compile(rf"^(?:the\s+)?(?:{_PREVIOUS})\s+{_PART}$"), -1),
    (re.compile(rf"^(?:the\s+)?{_PART}\s+before$"), -1),
]
_SAME_TIME = re.compile(
    r"^(?:at\s+)?(?:the\s+)?(?:very\s+)?same\s+(?:time|moment)$|^meanwhile$|^simultaneously$"
    r"|^at\s+that\s+(?:very\s+)?moment$"
)
_REST_OF_DAY = re.compile(r"^(?P<side>later|earlier)\s+(?:that|the\s+same)\s+day$")
_NEXT_UNIT = re.compile(
    rf"^(?:the\s+)?(?:(?P<next>{_NEXT})|(?P<prev>{_PREVIOUS}))\s+(?P<unit>week|month|year)$"
    r"|^(?:the\s+)?(?P<unit2>week|month|year)\s+(?P<dir>before|after)$"
)
EXAMPLES = "5 years before, two days after, the same evening, the next morning, 3 hours later"


def parse_offset(text: str) -> RelativeOffset:
    """The offset a writer typed, or StoryTimeError listing the forms that are understood."""
    cleaned = " ".join(text.strip().rstrip(".").split())
    lowered = cleaned.lower()
    if not lowered:
        raise StoryTimeError("A relative time cannot be empty; try " + EXAMPLES + ".")
    offset = _parse_fixed(cleaned, lowered) or _parse_counted(cleaned, lowered)
    if offset is None:
        raise StoryTimeError(
            f"{cleaned!r} is not a relative time Safehouse understands; try {EXAMPLES}."
        )
    return offset


def _parse_fixed(text: str, lowered: str) -> RelativeOffset | None:
    if _SAME_TIME.match(lowered):
        return RelativeOffset(text, 0, Unit.MINUTE)
    m = _REST_OF_DAY.match(lowered)
    if m:
        return RelativeOffset(text, 0, Unit.DAY, rest_of_day=1 if m["side"] == "later" else -1)
    for pattern, days in _FIXED:
        m = pattern.match(lowered)
        if m:
            part = None if m["part"] == "day" else PartOfDay(m["part"])
            return RelativeOffset(text, days, Unit.DAY, part_of_day=part)
    m = _NEXT_UNIT.match(lowered)
    if m:
        unit = Unit(m["unit"] or m["unit2"])
        forward = bool(m["next"]) or m["dir"] == "after"
        return RelativeOffset(text, 1 if forward else -1, unit)
    return None


def _parse_counted(text: str, lowered: str) -> RelativeOffset | None:
    m = _COUNTED.match(lowered)
    if m is None or m["unit"] not in _UNIT_NAMES:
        return None
    word = m["amount"]
    approximate = m["approx"] is not None or word in _VAGUE_AMOUNTS
    unit = _UNIT_NAMES[m["unit"]]
    if word.startswith("half"):
        if unit is not Unit.HOUR:
            return None
        amount, unit = 30, Unit.MINUTE
    elif word.isdigit():
        amount = int(word)
    else:
        amount = _VAGUE_AMOUNTS.get(word) or _NUMBERS[word]
    amount *= _UNIT_FACTOR.get(m["unit"], 1)
    sign = -1 if m["dir"] in _BEFORE else 1
    return RelativeOffset(text, sign * amount, unit, approximate=approximate)


# -- applying an offset -----------------------------------------------------------------------
def add_months(moment: datetime, months: int) -> datetime:
    """moment moved by whole calendar months (31 March + 1 month = 30 April)."""
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    year = max(1, min(9999, year))
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _move(moment: datetime, amount: int, unit: Unit) -> datetime:
    if unit is Unit.YEAR:
        return add_months(moment, 12 * amount)
    if unit is Unit.MONTH:
        return add_months(moment, amount)
    step = {
        Unit.MINUTE: timedelta(minutes=1),
        Unit.HOUR: timedelta(hours=1),
        Unit.DAY: timedelta(days=1),
        Unit.WEEK: timedelta(days=7),
    }[unit]
    return moment + step * amount


def _day_start(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def _month_start(moment: datetime) -> datetime:
    return _day_start(moment).replace(day=1)


# The grain each unit lands on, and the precision the result has at least.
_GRAIN = {
    Unit.MINUTE: Precision.MINUTE,
    Unit.HOUR: Precision.MINUTE,
    Unit.DAY: Precision.DAY,
    Unit.WEEK: Precision.DAY,
    Unit.MONTH: Precision.MONTH,
    Unit.YEAR: Precision.MONTH,
}
# How vague an approximate offset ("about 5 years") makes the result, per unit.
_APPROX_PRECISION = {
    Unit.MINUTE: Precision.DAY,
    Unit.HOUR: Precision.DAY,
    Unit.DAY: Precision.DAY,
    Unit.WEEK: Precision.DAY,
    Unit.MONTH: Precision.MONTH,
    Unit.YEAR: Precision.CIRCA,
}


def _snap(start: datetime, end: datetime, grain: Precision) -> tuple[datetime, datetime]:
    """Widen [start, end] to whole days or months."""
    if grain is Precision.DAY:
        return _day_start(start), _day_start(end) + timedelta(days=1, seconds=-1)
    if grain is Precision.MONTH:
        return _month_start(start), add_months(_month_start(end), 1) - timedelta(seconds=1)
    return start, end


def shift(anchor: StoryTime, offset: RelativeOffset) -> StoryTime:
    """The story time offset away from anchor; never more precise than the anchor."""
    start = _move(anchor.start, offset.amount, offset.unit)
    # end + 1 s is the next span's first instant, so whole months stay whole months.
    end = _move(anchor.end + timedelta(seconds=1), offset.amount, offset.unit)
    end -= timedelta(seconds=1)
    grain = _GRAIN[offset.unit]
    pinned_to_day = PRECISION_RANK[anchor.precision] <= PRECISION_RANK[Precision.DAY]
    if PRECISION_RANK[anchor.precision] < PRECISION_RANK[grain]:
        start, end = _snap(start, end, grain)
    precision = coarser(anchor.precision, grain)
    if pinned_to_day and offset.part_of_day is not None:
        first, last = _PART_HOURS[offset.part_of_day]
        day = _day_start(start)
        start = day + timedelta(hours=first)
        end = day + timedelta(hours=last, seconds=-1)
    elif pinned_to_day and offset.rest_of_day:
        day = _day_start(anchor.start)
        if offset.rest_of_day > 0:
            start, end = anchor.end, day + timedelta(days=1, seconds=-1)
        else:
            start, end = day, anchor.start
        precision = coarser(precision, Precision.DAY)
    if offset.approximate:
        slack = max(1, (abs(offset.amount) + 3) // 4)
        start = _move(start, -slack, offset.unit)
        end = _move(end, slack, offset.unit)
        precision = coarser(precision, _APPROX_PRECISION[offset.unit])
    moved = StoryTime("", start, end, precision)
    # A part of the day is named after the day it begins on ("the night before" the 14th is
    # the night of the 13th), everything else after its middle.
    named = start if offset.part_of_day is not None else moved.best_guess
    return replace(moved, text=story_time_text(named, precision))


# -- describing a distance --------------------------------------------------------------------
_UNIT_LENGTH = {
    Unit.MINUTE: timedelta(minutes=1),
    Unit.HOUR: timedelta(hours=1),
    Unit.DAY: timedelta(days=1),
    Unit.WEEK: timedelta(days=7),
    Unit.MONTH: timedelta(days=30.436875),
    Unit.YEAR: timedelta(days=365.2425),
}
_FINER = {
    Unit.YEAR: Unit.MONTH,
    Unit.MONTH: Unit.DAY,
    Unit.WEEK: Unit.DAY,
    Unit.DAY: Unit.HOUR,
    Unit.HOUR: Unit.MINUTE,
}


def describe_offset(anchor: datetime, target: datetime, like: RelativeOffset | None = None) -> str:
    """A phrase placing target relative to anchor, in like's unit where that fits.

    Used when the writer drags an anchored item: "5 years before" dragged by a year becomes
    "4 years before"; "the same evening" dragged to the next morning becomes "the next morning".
    """
    if like is not None and like.part_of_day is not None:
        return _describe_part_of_day(anchor, target)
    distance = target - anchor
    unit = like.unit if like is not None else _natural_unit(distance)
    amount = round(distance / _UNIT_LENGTH[unit])
    while amount == 0 and unit in _FINER and abs(distance) >= _UNIT_LENGTH[_FINER[unit]]:
        unit = _FINER[unit]
        amount = round(distance / _UNIT_LENGTH[unit])
    if amount == 0:
        return "the same day" if unit is Unit.DAY else "the same time"
    name = unit.value if abs(amount) == 1 else unit.value + "s"
    return f"{abs(amount)} {name} {'after' if amount > 0 else 'before'}"


def _describe_part_of_day(anchor: datetime, target: datetime) -> str:
    # The small hours belong to the night that began the evening before.
    day = _day_start(target - timedelta(hours=6)) if target.hour < 6 else _day_start(target)
    days = (day - _day_start(anchor)).days
    part = next(
        (p for p, (first, last) in _PART_HOURS.items() if first <= target.hour < last),
        PartOfDay.NIGHT,
    )
    if abs(days) <= 1:
        return f"the {('previous', 'same', 'next')[days + 1]} {part.value}"
    return f"{abs(days)} days {'after' if days > 0 else 'before'}"


def _natural_unit(distance: timedelta) -> Unit:
    for unit in (Unit.YEAR, Unit.MONTH, Unit.DAY, Unit.HOUR):
        if abs(distance) >= _UNIT_LENGTH[unit]:
            return unit
    return Unit.MINUTE
