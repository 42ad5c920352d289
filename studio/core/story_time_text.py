"""Writing a story time back as text the writer would type, and moving one to a new moment.

story_time_text() renders a moment at a precision in a form parse_story_time() reads back
("2019-06-14 21:30", "14 June 2019", "June 2019", "summer 2019", "late 2019", "2019",
"c. 2019", "the 2010s"), so a time the studio computed (a drag, a relative time) is shown and
stored exactly as if the writer had typed it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from studio.core.story_time import Precision, StoryTime, parse_story_time

PRECISION_RANK = {
    Precision.MINUTE: 0,
    Precision.DAY: 1,
    Precision.MONTH: 2,
    Precision.SEASON: 3,
    Precision.PART_OF_YEAR: 4,
    Precision.YEAR: 5,
    Precision.CIRCA: 6,
    Precision.DECADE: 7,
}
_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def coarser(first: Precision, second: Precision) -> Precision:
    """The vaguer of two precisions."""
    return first if PRECISION_RANK[first] >= PRECISION_RANK[second] else second


def _season(moment: datetime) -> tuple[str, int]:
    if moment.month == 12:
        return "winter", moment.year
    if moment.month <= 2:
        # January and February belong to the winter that began the December before.
        return "winter", max(1, moment.year - 1)
    return ("spring", "summer", "autumn")[(moment.month - 3) // 3], moment.year


def story_time_text(moment: datetime, precision: Precision) -> str:
    """moment written at precision, in a form parse_story_time() understands."""
    if precision is Precision.MINUTE:
        return (
            f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} "
            f"{moment.hour:02d}:{moment.minute:02d}"
        )
    month = _MONTH_NAMES[moment.month - 1]
    if precision is Precision.DAY:
        return f"{moment.day} {month} {moment.year}"
    if precision is Precision.MONTH:
        return f"{month} {moment.year}"
    if precision is Precision.SEASON:
        season, year = _season(moment)
        return f"{season} {year}"
    if precision is Precision.PART_OF_YEAR:
        part = "early" if moment.month <= 4 else "mid" if moment.month <= 8 else "late"
        return f"{part} {moment.year}"
    if precision is Precision.YEAR:
        return str(moment.year)
    if precision is Precision.CIRCA:
        return f"c. {moment.year}"
    return f"the {moment.year // 10 * 10}s"


def story_time_near(moment: datetime, precision: Precision) -> StoryTime:
    """The story time at precision that holds moment (a drag lands on whole days, months…)."""
    if precision is Precision.MINUTE:
        # Round to the nearest minute rather than truncating, so a drag lands where it looks.
        moment = (moment + timedelta(seconds=30)).replace(second=0, microsecond=0)
    return parse_story_time(story_time_text(moment, precision))
