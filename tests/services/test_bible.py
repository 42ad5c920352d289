"""The character bible: characters with their cover identities, locations and plot threads."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from studio.core.domain import AliasKind, ThreadKind, ThreadStatus
from studio.core.errors import NotFoundError, StoryTimeError, ValidationError
from studio.services.project import Project


def test_a_character_with_cover_identities_persists(
    project: Project, reopen: Callable[[Project], Project]
) -> None:
    bible = project.bible
    katya = bible.add_character(
        " Katya ",
        given_name="Katerina",
        patronymic="Andreyevna",
        family_name="Volkova",
        role="protagonist",
        allegiance="formerly the SVR; now MI6",
        backstory="Recruited on the Vienna wheel.",
        colour="#8a2be2",
    )
    bible.add_alias(
        katya.id,
        "Anna Kessler",
        valid_from="autumn 2015",
        valid_until="2019-06-14",
        used_where="Lisbon",
        used_with="neighbours and Inês",
    )
    bible.add_alias(katya.id, "Linnet", "codename", valid_from="winter 2014")
    bible.add_alias(katya.id, "Katyusha", AliasKind.NICKNAME, used_with="her mother")

    project = reopen(project)
    [katya] = project.bible.characters()
    assert katya.display_name == "Katya"
    assert katya.full_name == "Katerina Andreyevna Volkova"
    assert (katya.role, katya.allegiance, katya.colour) == (
        "protagonist",
        "formerly the SVR; now MI6",
        "#8a2be2",
    )
    assert [(a.name, a.kind) for a in katya.aliases] == [
        ("Anna Kessler", AliasKind.COVER_IDENTITY),
        ("Linnet", AliasKind.CODENAME),
        ("Katyusha", AliasKind.NICKNAME),
    ]
    anna = katya.aliases[0]
    assert (anna.used_where, anna.used_with) == ("Lisbon", "neighbours and Inês")
    assert anna.valid_from is not None and anna.valid_until is not None
    assert (anna.valid_from.text, anna.valid_from.start) == ("autumn 2015", datetime(2015, 9, 1))
    assert anna.valid_until.text == "2019-06-14"
    linnet = katya.aliases[1]
    assert linnet.valid_from is not None and linnet.valid_from.text == "winter 2014"
    assert linnet.valid_until is None


def test_a_character_without_full_name_is_known_by_display_name(project: Project) -> None:
    tom = project.bible.add_character("Tom")
    assert tom.full_name == "Tom"


def test_update_an_alias_keeps_the_time_not_given(project: Project) -> None:
    bible = project.bible
    katya = bible.add_character("Katya")
    alias = bible.add_alias(katya.id, "Elena Marsh", valid_from="2019-06-13")
    changed = bible.update_alias(alias.id, valid_until="2019-06-20", notes="Born in Reading.")
    assert changed.valid_from is not None and changed.valid_from.text == "2019-06-13"
    assert changed.valid_until is not None and changed.valid_until.text == "2019-06-20"
    assert changed.notes == "Born in Reading."
    changed = bible.update_alias(alias.id, kind="maiden name", name=" Elena Hale ")
    assert (changed.name, changed.kind) == ("Elena Hale", AliasKind.MAIDEN_NAME)
    assert changed.valid_from is not None
    cleared = bible.update_alias(alias.id, clear_times=True)
    assert (cleared.valid_from, cleared.valid_until) == (None, None)


def test_delete_an_alias_keeps_the_others_in_order(project: Project) -> None:
    bible = project.bible
    katya = bible.add_character("Katya")
    first = bible.add_alias(katya.id, "Anna Kessler")
    bible.add_alias(katya.id, "Elena Marsh")
    bible.add_alias(katya.id, "Linnet", "codename")
    bible.delete_alias(first.id)
    names = [a.name for a in bible.character(katya.id).aliases]
    assert names == ["Elena Marsh", "Linnet"]
    bible.add_alias(katya.id, "Katyusha", "nickname")
    names = [a.name for a in bible.character(katya.id).aliases]
    assert names == ["Elena Marsh", "Linnet", "Katyusha"]


@pytest.mark.parametrize(
    ("call", "error", "says"),
    [
        (lambda b, k: b.add_character("  "), ValidationError, "name cannot be empty"),
        (lambda b, k: b.add_character("X", nickname="Y"), ValidationError, "no field nickname"),
        (lambda b, k: b.update_character(k, display_name=""), ValidationError, "cannot be empty"),
        (lambda b, k: b.update_character(999, role="x"), NotFoundError, "That character"),
        (lambda b, k: b.add_alias(k, ""), ValidationError, "name cannot be empty"),
        (lambda b, k: b.add_alias(k, "X", "alias"), ValidationError, "cover identity, codename"),
        (lambda b, k: b.add_alias(999, "X"), NotFoundError, "That character"),
        (lambda b, k: b.add_alias(k, "X", valid_from="someday"), StoryTimeError, "try 2019"),
        (lambda b, k: b.update_alias(999, notes="x"), NotFoundError, "That alias"),
        (lambda b, k: b.delete_character(999), NotFoundError, "That character"),
        (lambda b, k: b.scenes_with(999), NotFoundError, "That character"),
        (lambda b, k: b.add_location(" "), ValidationError, "name cannot be empty"),
        (lambda b, k: b.update_location(999, name="x"), NotFoundError, "That location"),
        (lambda b, k: b.add_thread(""), ValidationError, "name cannot be empty"),
        (lambda b, k: b.add_thread("X", "thriller"), ValidationError, "espionage, romance"),
        (lambda b, k: b.add_thread("X", status="done"), ValidationError, "open, resolved"),
        (lambda b, k: b.update_thread(999, name="x"), NotFoundError, "That plot thread"),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(
    project: Project, call: Callable[..., object], error: type[Exception], says: str
) -> None:
    katya = project.bible.add_character("Katya")
    with pytest.raises(error, match=says):
        call(project.bible, katya.id)
    assert [c.display_name for c in project.bible.characters()] == ["Katya"]
    assert project.bible.character(katya.id).aliases == ()


def test_deleting_a_character_keeps_their_scenes(project: Project) -> None:
    m, bible = project.manuscript, project.bible
    katya = bible.add_character("Katya")
    tom = bible.add_character("Tom")
    bible.add_alias(katya.id, "Anna Kessler")
    chapter = m.add_chapter("Basil")
    scene = m.add_scene(chapter.id, "The Wine Buyer", body="She closed her notebook.")
    m.update_scene(scene.id, pov_id=katya.id)
    m.set_scene_characters(scene.id, [katya.id, tom.id])
    event = project.events.add_event("Recognition", character_ids=[katya.id, tom.id])

    bible.delete_character(katya.id)

    kept = m.scene(scene.id)
    assert kept.body == "She closed her notebook."
    assert kept.pov_id is None
    assert kept.character_ids == (tom.id,)
    assert project.events.event(event.id).character_ids == (tom.id,)
    assert [c.display_name for c in bible.characters()] == ["Tom"]
    with pytest.raises(NotFoundError):
        bible.character(katya.id)
    # The remaining characters are renumbered; a new one goes last.
    bible.add_character("Harriet")
    assert [c.display_name for c in bible.characters()] == ["Tom", "Harriet"]


def test_scenes_with_a_character_in_book_order(project: Project) -> None:
    m, bible = project.manuscript, project.bible
    katya = bible.add_character("Katya")
    shatrov = bible.add_character("Shatrov")
    part = m.add_part("Part One")
    in_part = m.add_chapter("In the part", part_id=part.id)
    loose = m.add_chapter("Loose")
    a = m.add_scene(in_part.id, "A")
    b = m.add_scene(in_part.id, "B")
    c = m.add_scene(loose.id, "C")
    d = m.add_scene(loose.id, "D", position=0)
    m.update_scene(b.id, pov_id=katya.id)  # narrates without being listed as present
    m.set_scene_characters(a.id, [katya.id, shatrov.id])
    m.set_scene_characters(c.id, [katya.id])
    m.set_scene_characters(d.id, [shatrov.id])
    assert [s.title for s in bible.scenes_with(katya.id)] == ["C", "A", "B"]
    assert [s.title for s in bible.scenes_with(shatrov.id)] == ["D", "A"]
    m.move_scene(a.id, loose.id, 0)
    assert [s.title for s in bible.scenes_with(katya.id)] == ["A", "C", "B"]


def test_locations_in_order_with_their_fields(project: Project) -> None:
    bible = project.bible
    alfama = bible.add_location("Alfama", description="Steep streets above the river.")
    cascais = bible.add_location("Cascais")
    bible.add_location("The Prater")
    bible.update_location(cascais.id, notes="The safe house faces the sea.")
    bible.delete_location(alfama.id)
    locations = bible.locations()
    assert [(loc.name, loc.notes) for loc in locations] == [
        ("Cascais", "The safe house faces the sea."),
        ("The Prater", ""),
    ]


def test_deleting_a_location_clears_it_from_scenes(project: Project) -> None:
    alfama = project.bible.add_location("Alfama")
    chapter = project.manuscript.add_chapter("Basil")
    scene = project.manuscript.add_scene(chapter.id, "Night", body="Sardines.")
    project.manuscript.update_scene(scene.id, location_id=alfama.id)
    project.bible.delete_location(alfama.id)
    kept = project.manuscript.scene(scene.id)
    assert (kept.location_id, kept.body) == (None, "Sardines.")


def test_plot_threads(project: Project) -> None:
    bible = project.bible
    drop = bible.add_thread("The drop", "espionage", colour="#aa0000", description="The list.")
    romance = bible.add_thread("Katya and Tom", ThreadKind.ROMANCE)
    bible.add_thread("Inês's grandson")
    bible.update_thread(drop.id, status="resolved", name=" The Lisbon drop ")
    threads = bible.threads()
    assert [(t.name, t.kind, t.status) for t in threads] == [
        ("The Lisbon drop", ThreadKind.ESPIONAGE, ThreadStatus.RESOLVED),
        ("Katya and Tom", ThreadKind.ROMANCE, ThreadStatus.OPEN),
        ("Inês's grandson", ThreadKind.SUBPLOT, ThreadStatus.OPEN),
    ]
    assert (threads[0].colour, threads[0].description) == ("#aa0000", "The list.")
    chapter = project.manuscript.add_chapter("Basil")
    scene = project.manuscript.add_scene(chapter.id, "Night")
    project.manuscript.set_scene_threads(scene.id, [drop.id, romance.id])
    bible.delete_thread(drop.id)
    assert project.manuscript.scene(scene.id).thread_ids == (romance.id,)
    assert [t.name for t in bible.threads()] == ["Katya and Tom", "Inês's grandson"]
