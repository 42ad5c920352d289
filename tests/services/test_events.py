"""Timeline events: in story order, linked to scenes, characters and places."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from studio.core.domain import EventKind
from studio.core.errors import NotFoundError, StoryTimeError, ValidationError
from studio.services.project import Project


def test_events_come_in_story_order_with_their_links(
    project: Project, reopen: Callable[[Project], Project]
) -> None:
    katya = project.bible.add_character("Katya")
    tom = project.bible.add_character("Tom")
    vienna = project.bible.add_location("Vienna")
    chapter = project.manuscript.add_chapter("The Wheel")
    wheel = project.manuscript.add_scene(chapter.id, "The Wheel")
    events = project.events
    events.add_event("The drop", story_time="2019-06-13 21:20", character_ids=[katya.id])
    events.add_event("Undated")
    events.add_event(
        "Recruited on the wheel",
        story_time="winter 2014",
        description="Harriet turns her.",
        scene_ids=[wheel.id],
        character_ids=[katya.id],
        location_ids=[vienna.id],
    )
    events.add_event("Festival", story_time="summer 2019", character_ids=[tom.id, katya.id])
    events.add_event("Katya is born", EventKind.FIRST_APPEARANCE, story_time="c. 1988")

    project = reopen(project)
    timeline = project.events.events()
    assert [e.title for e in timeline] == [
        "Katya is born",
        "Recruited on the wheel",
        "Festival",
        "The drop",
        "Undated",
    ]
    recruited = timeline[1]
    assert recruited.description == "Harriet turns her."
    assert recruited.story_time is not None and recruited.story_time.text == "winter 2014"
    assert (recruited.scene_ids, recruited.character_ids, recruited.location_ids) == (
        (wheel.id,),
        (katya.id,),
        (vienna.id,),
    )
    assert timeline[0].kind is EventKind.FIRST_APPEARANCE
    assert timeline[2].character_ids == tuple(sorted((katya.id, tom.id)))


def test_update_an_event_keeps_what_is_not_given(project: Project) -> None:
    katya = project.bible.add_character("Katya")
    alfama = project.bible.add_location("Alfama")
    event = project.events.add_event(
        "The drop", story_time="2019-06-13", character_ids=[katya.id], location_ids=[alfama.id]
    )
    changed = project.events.update_event(event.id, title="The real drop", kind="departure")
    assert (changed.title, changed.kind) == ("The real drop", EventKind.DEPARTURE)
    assert changed.story_time is not None and changed.story_time.text == "2019-06-13"
    assert (changed.character_ids, changed.location_ids) == ((katya.id,), (alfama.id,))
    changed = project.events.update_event(event.id, location_ids=[], story_time="June 2019")
    assert changed.location_ids == ()
    assert changed.character_ids == (katya.id,)
    assert changed.story_time is not None and changed.story_time.text == "June 2019"
    changed = project.events.update_event(event.id, clear_story_time=True)
    assert changed.story_time is None


def test_deleting_a_scene_or_an_event_removes_only_the_link(project: Project) -> None:
    chapter = project.manuscript.add_chapter("Basil")
    one = project.manuscript.add_scene(chapter.id, "One")
    two = project.manuscript.add_scene(chapter.id, "Two")
    event = project.events.add_event("Festival", scene_ids=[one.id, two.id])
    project.manuscript.delete_scene(one.id)
    assert project.events.event(event.id).scene_ids == (two.id,)
    project.events.delete_event(event.id)
    assert project.events.events() == []
    assert project.manuscript.scene(two.id).title == "Two"


@pytest.mark.parametrize(
    ("call", "error", "says"),
    [
        (lambda e: e.add_event("  "), ValidationError, "title cannot be empty"),
        (lambda e: e.add_event("X", "battle"), ValidationError, "first appearance"),
        (lambda e: e.add_event("X", story_time="anon"), StoryTimeError, "try 2019-06-14"),
        (lambda e: e.add_event("X", scene_ids=[999]), NotFoundError, "That scene"),
        (lambda e: e.add_event("X", character_ids=[999]), NotFoundError, "That character"),
        (lambda e: e.add_event("X", location_ids=[999]), NotFoundError, "That location"),
        (lambda e: e.update_event(999, title="X"), NotFoundError, "That event"),
        (lambda e: e.delete_event(999), NotFoundError, "That event"),
    ],
)
def test_bad_events_are_refused_and_nothing_is_half_added(
    project: Project, call: Callable[..., object], error: type[Exception], says: str
) -> None:
    with pytest.raises(error, match=says):
        call(project.events)
    assert project.events.events() == []
    assert project.stats().events == 0
