"""Relative story times in a project: they resolve, follow their anchors, refuse cycles."""

from __future__ import annotations

from datetime import datetime

import pytest

from studio.core.errors import StoryTimeError, ValidationError
from studio.services.project import Project, open_project
from studio.services.timeline import Placement

from .conftest import event_ref, scene_ref


def _three_scenes(project: Project) -> tuple[int, int, int]:
    manuscript = project.manuscript
    one = manuscript.add_chapter("One")
    ids = tuple(manuscript.add_scene(one.id, title).id for title in ("Rooftop", "Macau", "Dawn"))
    manuscript.update_scene(ids[0], story_time="2019-06-14 21:30")
    return ids[0], ids[1], ids[2]


def _text(project: Project, scene_id: int) -> str | None:
    time = project.manuscript.scene(scene_id).story_time
    return None if time is None else time.text


def test_anchored_times_resolve_and_follow_their_anchor(project: Project) -> None:
    rooftop, macau, dawn = _three_scenes(project)
    timeline = project.timeline
    timeline.set_anchor(scene_ref(macau), scene_ref(rooftop), "five years before")
    timeline.set_anchor(scene_ref(dawn), scene_ref(rooftop), "the next morning")
    event = project.events.add_event("The Macau job goes wrong")
    timeline.set_anchor(event_ref(event.id), scene_ref(macau), "the same evening")
    assert _text(project, macau) == "June 2014"
    assert _text(project, dawn) == "15 June 2019"
    event_time = project.events.event(event.id).story_time
    assert event_time is not None and event_time.text == "June 2014"

    moved = timeline.set_story_time(scene_ref(rooftop), "2020-03-02 08:00")
    assert set(moved) == {scene_ref(macau), scene_ref(dawn), event_ref(event.id)}
    assert _text(project, macau) == "March 2015"
    assert _text(project, dawn) == "3 March 2020"
    event_time = project.events.event(event.id).story_time
    assert event_time is not None and event_time.text == "March 2015"
    assert timeline.placement(scene_ref(macau)) == Placement(
        "March 2015", scene_ref(rooftop), "five years before"
    )


def test_an_anchor_without_a_time_leaves_its_dependants_without_one(project: Project) -> None:
    rooftop, macau, _ = _three_scenes(project)
    project.timeline.set_anchor(scene_ref(macau), scene_ref(rooftop), "2 days after")
    project.timeline.set_story_time(scene_ref(rooftop), None)
    assert _text(project, macau) is None
    project.timeline.set_story_time(scene_ref(rooftop), "1 May 2019")
    assert _text(project, macau) == "3 May 2019"


def test_cycles_are_refused_naming_the_items(project: Project) -> None:
    rooftop, macau, dawn = _three_scenes(project)
    timeline = project.timeline
    timeline.set_anchor(scene_ref(macau), scene_ref(rooftop), "5 years before")
    timeline.set_anchor(scene_ref(dawn), scene_ref(macau), "2 days after")
    with pytest.raises(ValidationError) as refused:
        timeline.set_anchor(scene_ref(rooftop), scene_ref(dawn), "a week later")
    message = str(refused.value)
    assert "circle" in message
    for title in ("Rooftop", "Macau", "Dawn"):
        assert f"'{title}'" in message
    with pytest.raises(ValidationError, match="itself"):
        timeline.set_anchor(scene_ref(rooftop), scene_ref(rooftop), "the same day")
    # Nothing was changed by the refusals.
    assert timeline.placement(scene_ref(rooftop)).anchor is None
    assert _text(project, rooftop) == "2019-06-14 21:30"


def test_a_bad_phrase_changes_nothing(project: Project) -> None:
    rooftop, macau, _ = _three_scenes(project)
    with pytest.raises(StoryTimeError, match="not a relative time"):
        project.timeline.set_anchor(scene_ref(macau), scene_ref(rooftop), "in a galaxy far away")
    assert project.timeline.placement(scene_ref(macau)) == Placement(None)


def test_deleting_the_anchor_keeps_the_last_resolved_time(project: Project) -> None:
    rooftop, macau, _ = _three_scenes(project)
    project.timeline.set_anchor(scene_ref(macau), scene_ref(rooftop), "5 years before")
    project.manuscript.delete_scene(rooftop)
    assert project.timeline.placement(scene_ref(macau)) == Placement("June 2014")


def test_a_drag_keeps_the_anchor_and_rewrites_the_offset(project: Project) -> None:
    rooftop, macau, dawn = _three_scenes(project)
    timeline = project.timeline
    timeline.set_anchor(scene_ref(macau), scene_ref(rooftop), "5 years before")
    timeline.set_anchor(scene_ref(dawn), scene_ref(macau), "the same evening")
    before = timeline.move(scene_ref(macau), datetime(2016, 6, 10))
    assert timeline.placement(scene_ref(macau)) == Placement(
        "June 2016", scene_ref(rooftop), "3 years before"
    )
    assert _text(project, dawn) == "June 2016"
    timeline.set_placement(scene_ref(macau), before)
    assert _text(project, macau) == "June 2014" and _text(project, dawn) == "June 2014"


def test_a_drag_of_a_fixed_time_keeps_its_precision(project: Project) -> None:
    rooftop, _, dawn = _three_scenes(project)
    project.manuscript.update_scene(dawn, story_time="June 2019")
    project.timeline.move(scene_ref(rooftop), datetime(2019, 6, 15, 1, 14, 40))
    project.timeline.move(scene_ref(dawn), datetime(2019, 7, 20))
    assert (_text(project, rooftop), _text(project, dawn)) == ("2019-06-15 01:15", "July 2019")


def test_resolve_all_catches_up_with_times_set_elsewhere(project: Project) -> None:
    rooftop, macau, _ = _three_scenes(project)
    project.timeline.set_anchor(scene_ref(macau), scene_ref(rooftop), "5 years before")
    project.manuscript.update_scene(rooftop, story_time="2021-01-05")
    assert project.timeline.resolve_all() == 1
    assert _text(project, macau) == "January 2016"
    path = project.path
    project.close()
    with open_project(path) as again:
        assert again.timeline.placement(scene_ref(macau)).offset == "5 years before"
        assert again.timeline.dependants(scene_ref(rooftop)) == [scene_ref(macau)]
