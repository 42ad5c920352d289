"""Story time: every form a writer types, and exact and approximate times in one order."""

from __future__ import annotations

from datetime import datetime

import pytest

from studio.core.errors import StoryTimeError, ValidationError
from studio.core.story_time import Precision, parse_story_time

EVENING = datetime(2019, 6, 14, 21, 30)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2019-06-14 21:30", EVENING, EVENING, "minute"),
        ("2019-06-14T21:30", EVENING, EVENING, "minute"),
        (
            "14 June 2019 at 9:05",
            datetime(2019, 6, 14, 9, 5),
            datetime(2019, 6, 14, 9, 5),
            "minute",
        ),
        ("2019-06-14", datetime(2019, 6, 14), datetime(2019, 6, 14, 23, 59, 59), "day"),
        ("14 June 2019", datetime(2019, 6, 14), datetime(2019, 6, 14, 23, 59, 59), "day"),
        ("14th Jun 2019", datetime(2019, 6, 14), datetime(2019, 6, 14, 23, 59, 59), "day"),
        ("June 14, 2019", datetime(2019, 6, 14), datetime(2019, 6, 14, 23, 59, 59), "day"),
        ("June 2019", datetime(2019, 6, 1), datetime(2019, 6, 30, 23, 59, 59), "month"),
        ("Sept. 2019", datetime(2019, 9, 1), datetime(2019, 9, 30, 23, 59, 59), "month"),
        ("2020-02", datetime(2020, 2, 1), datetime(2020, 2, 29, 23, 59, 59), "month"),
        ("December 2019", datetime(2019, 12, 1), datetime(2019, 12, 31, 23, 59, 59), "month"),
        ("spring 2019", datetime(2019, 3, 1), datetime(2019, 5, 31, 23, 59, 59), "season"),
        ("summer 2019", datetime(2019, 6, 1), datetime(2019, 8, 31, 23, 59, 59), "season"),
        ("autumn 2019", datetime(2019, 9, 1), datetime(2019, 11, 30, 23, 59, 59), "season"),
        ("fall 2019", datetime(2019, 9, 1), datetime(2019, 11, 30, 23, 59, 59), "season"),
        # Winter runs from December into the next year, to the end of a leap February.
        ("winter 2019", datetime(2019, 12, 1), datetime(2020, 2, 29, 23, 59, 59), "season"),
        ("Winter of 2014", datetime(2014, 12, 1), datetime(2015, 2, 28, 23, 59, 59), "season"),
        ("early 1805", datetime(1805, 1, 1), datetime(1805, 4, 30, 23, 59, 59), "part-of-year"),
        ("mid-1805", datetime(1805, 5, 1), datetime(1805, 8, 31, 23, 59, 59), "part-of-year"),
        ("late 1805", datetime(1805, 9, 1), datetime(1805, 12, 31, 23, 59, 59), "part-of-year"),
        ("1792", datetime(1792, 1, 1), datetime(1792, 12, 31, 23, 59, 59), "year"),
        ("the 1790s", datetime(1790, 1, 1), datetime(1799, 12, 31, 23, 59, 59), "decade"),
        ("1790's", datetime(1790, 1, 1), datetime(1799, 12, 31, 23, 59, 59), "decade"),
        ("c. 1792", datetime(1790, 1, 1), datetime(1794, 12, 31, 23, 59, 59), "circa"),
        ("circa 1792", datetime(1790, 1, 1), datetime(1794, 12, 31, 23, 59, 59), "circa"),
        ("about 1792", datetime(1790, 1, 1), datetime(1794, 12, 31, 23, 59, 59), "circa"),
        # The last year Safehouse can place, in every span that ends with it.
        ("9999", datetime(9999, 1, 1), datetime(9999, 12, 31, 23, 59, 59), "year"),
        ("December 9999", datetime(9999, 12, 1), datetime(9999, 12, 31, 23, 59, 59), "month"),
        ("the 9990s", datetime(9990, 1, 1), datetime(9999, 12, 31, 23, 59, 59), "decade"),
    ],
)
def test_every_form(text: str, start: datetime, end: datetime, precision: str) -> None:
    parsed = parse_story_time(text)
    assert (parsed.start, parsed.end, parsed.precision) == (start, end, Precision(precision))
    assert parsed.text == text
    assert parsed.exact is (precision == "minute")


def test_the_writers_text_is_kept_with_its_spacing_tidied() -> None:
    parsed = parse_story_time("  Summer   2019 ")
    assert parsed.text == "Summer 2019"
    assert parsed.precision is Precision.SEASON


def test_exact_and_approximate_times_sort_together() -> None:
    typed = ["2019-06-15", "summer 2019", "the 1790s", "2019-06-14 21:30", "1792", "late 1805"]
    ordered = sorted((parse_story_time(t) for t in typed), key=lambda t: t.sort_key)
    assert [t.text for t in ordered] == [
        "the 1790s",
        "1792",
        "late 1805",
        "summer 2019",
        "2019-06-14 21:30",
        "2019-06-15",
    ]


def test_best_guess_is_the_middle_and_overlaps_compare_spans() -> None:
    summer = parse_story_time("summer 2019")
    assert summer.best_guess.date() == datetime(2019, 7, 16).date()
    assert summer.overlaps(parse_story_time("2019-06-14 21:30"))
    assert not summer.overlaps(parse_story_time("winter 2019"))
    assert parse_story_time("c. 1792").overlaps(parse_story_time("1790"))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "cannot be empty"),
        ("   ", "cannot be empty"),
        ("next tuesday", "try 2019-06-14 21:30"),
        ("the 1795s", "try 2019-06-14 21:30"),
        ("10000", "try 2019-06-14 21:30"),
        ("0", "between 1 and 9999"),
        ("2019-02-29", "2019-02-29 is not a date"),
        ("31 April 2019", "is not a date"),
        ("2019-13", "no month 13"),
        ("2019-06-14 25:00", "no such time of day"),
        ("2019-06-14 21:75", "no such time of day"),
        ("winter 9999", "past the year 9999"),
    ],
)
def test_bad_input_says_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(StoryTimeError, match=says) as caught:
        parse_story_time(text)
    assert isinstance(caught.value, ValidationError)
    assert "\n" not in str(caught.value)
