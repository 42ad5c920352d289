"""Relative story times: the phrases writers type, and what they resolve to."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from studio.core.errors import StoryTimeError
from studio.core.relative_time import PartOfDay, Unit, describe_offset, parse_offset, shift
from studio.core.story_time import Precision, parse_story_time
from studio.core.story_time_text import story_time_near, story_time_text


@pytest.mark.parametrize(
    ("phrase", "amount", "unit"),
    [
        ("5 years before", -5, Unit.YEAR),
        ("five years earlier", -5, Unit.YEAR),
        ("2 days after", 2, Unit.DAY),
        ("Two days later.", 2, Unit.DAY),
        ("3 hours after", 3, Unit.HOUR),
        ("an hour later", 1, Unit.HOUR),
        ("half an hour later", 30, Unit.MINUTE),
        ("a week before", -1, Unit.WEEK),
        ("a fortnight later", 2, Unit.WEEK),
        ("two decades ago", -20, Unit.YEAR),
        ("the following year", 1, Unit.YEAR),
        ("the same time", 0, Unit.MINUTE),
        ("meanwhile", 0, Unit.MINUTE),
        ("the same day", 0, Unit.DAY),
        ("the day after", 1, Unit.DAY),
    ],
)
def test_counted_and_fixed_phrases(phrase: str, amount: int, unit: Unit) -> None:
    offset = parse_offset(phrase)
    assert (offset.amount, offset.unit, offset.approximate) == (amount, unit, False)


@pytest.mark.parametrize(
    ("phrase", "days", "part"),
    [
        ("the same evening", 0, PartOfDay.EVENING),
        ("that night", 0, PartOfDay.NIGHT),
        ("the next morning", 1, PartOfDay.MORNING),
        ("the following afternoon", 1, PartOfDay.AFTERNOON),
        ("the night before", -1, PartOfDay.NIGHT),
        ("the previous evening", -1, PartOfDay.EVENING),
    ],
)
def test_parts_of_the_day(phrase: str, days: int, part: PartOfDay) -> None:
    offset = parse_offset(phrase)
    assert (offset.amount, offset.unit, offset.part_of_day) == (days, Unit.DAY, part)


@pytest.mark.parametrize("phrase", ["about 5 years before", "a few days later", "several weeks on"])
def test_vague_amounts_are_approximate(phrase: str) -> None:
    assert parse_offset(phrase).approximate


@pytest.mark.parametrize("phrase", ["", "   ", "soon", "5 parsecs before", "before 5 years"])
def test_unknown_phrases_say_what_is_understood(phrase: str) -> None:
    with pytest.raises(StoryTimeError, match="5 years before"):
        parse_offset(phrase)


def _shift(anchor: str, phrase: str) -> tuple[str, datetime, datetime, Precision]:
    result = shift(parse_story_time(anchor), parse_offset(phrase))
    return result.text, result.start, result.end, result.precision


def test_years_land_on_a_whole_month() -> None:
    assert _shift("2019-06-14 21:30", "5 years before") == (
        "June 2014",
        datetime(2014, 6, 1),
        datetime(2014, 6, 30, 23, 59, 59),
        Precision.MONTH,
    )


def test_days_land_on_a_whole_day_and_hours_stay_exact() -> None:
    assert _shift("2019-06-14 21:30", "2 days after")[1:] == (
        datetime(2019, 6, 16),
        datetime(2019, 6, 16, 23, 59, 59),
        Precision.DAY,
    )
    text, start, end, precision = _shift("2019-06-14 21:30", "3 hours after")
    assert (text, start, end, precision) == (
        "2019-06-15 00:30",
        datetime(2019, 6, 15, 0, 30),
        datetime(2019, 6, 15, 0, 30),
        Precision.MINUTE,
    )


def test_parts_of_the_day_pick_their_hours() -> None:
    assert _shift("14 June 2019", "the same evening")[1:3] == (
        datetime(2019, 6, 14, 18),
        datetime(2019, 6, 14, 21, 59, 59),
    )
    assert _shift("2019-06-14 21:30", "the next morning")[:3] == (
        "15 June 2019",
        datetime(2019, 6, 15, 6),
        datetime(2019, 6, 15, 11, 59, 59),
    )
    # The night before the 14th is the night of the 13th, and is named so.
    assert _shift("14 June 2019", "the night before")[0] == "13 June 2019"


def test_approximate_anchors_stay_approximate() -> None:
    text, start, end, precision = _shift("June 2019", "the next morning")
    assert precision is Precision.MONTH
    assert (start, end) == (datetime(2019, 6, 2), datetime(2019, 7, 1, 23, 59, 59))
    text, start, end, precision = _shift("summer 2019", "about 5 years before")
    assert (text, precision) == ("c. 2014", Precision.CIRCA)
    assert start < datetime(2014, 6, 1) and end > datetime(2014, 8, 31)


def test_describe_offset_keeps_the_writers_unit() -> None:
    anchor = datetime(2019, 6, 14, 21, 30)
    five_years = parse_offset("5 years before")
    assert describe_offset(anchor, anchor - timedelta(days=4 * 365), five_years) == (
        "4 years before"
    )
    assert describe_offset(anchor, anchor + timedelta(days=3), parse_offset("2 days after")) == (
        "3 days after"
    )
    evening = parse_offset("the same evening")
    assert describe_offset(anchor, anchor - timedelta(hours=1), evening) == "the same evening"
    assert describe_offset(anchor, datetime(2019, 6, 15, 9), evening) == "the next morning"
    assert describe_offset(anchor, datetime(2019, 6, 16, 2), evening) == "the next night"
    assert describe_offset(anchor, datetime(2019, 6, 20, 9), evening) == "6 days after"
    assert describe_offset(anchor, anchor + timedelta(days=40)) == "1 month after"
    assert describe_offset(anchor, anchor) == "the same time"


@pytest.mark.parametrize(
    "precision",
    [p for p in Precision],
)
def test_computed_times_read_back_as_typed(precision: Precision) -> None:
    moment = datetime(2019, 1, 14, 21, 30)
    text = story_time_text(moment, precision)
    again = parse_story_time(text)
    assert again.precision is precision
    assert again.start <= moment <= again.end or precision is Precision.SEASON
    assert story_time_near(moment, precision).text == text
