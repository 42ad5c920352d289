"""An alias's period: one that ends before it begins is refused, and nothing is changed."""

from __future__ import annotations

import re

import pytest

from studio.core.errors import ValidationError
from studio.services.project import Project

MESSAGE = "The cover 'Anna Kessler' ends (2019-06-01) before it begins (2019-07-12)."


def test_adding_a_cover_that_ends_before_it_begins_is_refused(project: Project) -> None:
    katya = project.bible.add_character("Katya")
    with pytest.raises(ValidationError) as caught:
        project.bible.add_alias(
            katya.id, "Anna Kessler", valid_from="2019-07-12", valid_until="2019-06-01"
        )
    assert str(caught.value).startswith(MESSAGE)
    assert "\n" not in str(caught.value)
    assert project.bible.character(katya.id).aliases == ()


@pytest.mark.parametrize(
    ("kind", "noun"),
    [("codename", "codename"), ("nickname", "nickname"), ("maiden name", "maiden name")],
)
def test_the_message_names_the_kind_of_alias(project: Project, kind: str, noun: str) -> None:
    katya = project.bible.add_character("Katya")
    with pytest.raises(ValidationError, match=f"^The {noun} 'Linnet' ends \\(1990\\) before"):
        project.bible.add_alias(
            katya.id, "Linnet", kind, valid_from="March 2014", valid_until="1990"
        )


def test_changing_one_end_past_the_other_is_refused_and_the_alias_kept(project: Project) -> None:
    katya = project.bible.add_character("Katya")
    alias = project.bible.add_alias(
        katya.id, "Anna Kessler", valid_from="2019-07-12", valid_until="2019-08-01"
    )
    with pytest.raises(ValidationError, match="^" + re.escape(MESSAGE)):
        project.bible.update_alias(alias.id, valid_until="2019-06-01", notes="Lost.")
    with pytest.raises(ValidationError, match=r"ends \(2019-08-01\) before it begins \(2020\)"):
        project.bible.update_alias(alias.id, valid_from="2020")
    with pytest.raises(ValidationError, match="before it begins"):
        # The window sends both cells, after clearing both.
        project.bible.update_alias(
            alias.id, clear_times=True, valid_from="2019-07-12", valid_until="2019-06-01"
        )
    assert project.bible.character(katya.id).aliases == (alias,), "nothing of the call saved"


@pytest.mark.parametrize(
    ("valid_from", "valid_until"),
    [
        ("2019-06-01", "2019-06-01"),  # one day
        ("2019-06-01 18:00", "2019-06-01 18:00"),
        ("summer 2019", "July 2019"),  # fuzzy times that overlap may be either way round
        ("2019-07-12", "2019"),
        ("2019", None),
        (None, "1990"),
        ("1988", "the 2010s"),
    ],
)
def test_periods_that_can_be_true_are_accepted(
    project: Project, valid_from: str | None, valid_until: str | None
) -> None:
    katya = project.bible.add_character("Katya")
    alias = project.bible.add_alias(
        katya.id, "Anna Kessler", valid_from=valid_from, valid_until=valid_until
    )
    stored = project.bible.character(katya.id).aliases[0]
    assert stored == alias
    assert (stored.valid_from.text if stored.valid_from else None) == valid_from
    assert (stored.valid_until.text if stored.valid_until else None) == valid_until


def test_a_minute_too_early_is_refused(project: Project) -> None:
    katya = project.bible.add_character("Katya")
    with pytest.raises(ValidationError, match="before it begins"):
        project.bible.add_alias(
            katya.id, "Anna Kessler", valid_from="2019-06-01 18:00", valid_until="2019-06-01 17:59"
        )
