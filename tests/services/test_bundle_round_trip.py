"""Nothing is lost in a bundle round trip: a project holding everything the services can set
(the sample plus parts, anchors, dismissals, dated aliases, the dictionary, settings...) is
exported, imported into a new file, and every row of every table compared as stored.

The bundle keeps ids, so the tables are compared row for row, raw values included (dates as
SQLite holds them): a dismissal's or a dictionary word's date is part of the project too.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from studio.export.bundle import export_bundle
from studio.importers.bundle import import_bundle
from studio.services.continuity import ContinuityService
from studio.services.project import Project, open_project
from studio.services.spelling import SpellingService
from studio.services.timeline_data import ItemRef
from tests.services.test_undo_delete import Dump, dump

SAMPLE = Path(__file__).resolve().parents[2] / "projects" / "the-lisbon-drop"
# Dates long before any test runs, so that "dated now on import" cannot pass by chance.
DISMISSED_AT = "2023-03-04 05:06:07.000000"
ADDED_AT = "2022-11-12 13:14:15.000000"


def _enrich(project: Project) -> None:
    """Set every field the services can set, on top of the sample."""
    m, bible, events, timeline = (
        project.manuscript,
        project.bible,
        project.events,
        project.timeline,
    )
    m.set_info(title="The Lisbon Drop (second draft)", author="A. Writer", language="en_GB")
    spelling = SpellingService(project)
    spelling.set_enabled(False)
    spelling.set_genre_words(False)
    spelling.set_check_all_caps(True)
    ContinuityService(project.database).set_untouched_chapters(3)
    m.set_setting("export.separator", "* * *")

    chapters = list(m.binder().chapters())
    part = m.add_part("Book One")
    m.add_part("An empty part")
    m.set_synopsis("part", part.id, "Lisbon, before the drop.")
    for chapter in chapters[:2]:
        m.move_chapter(chapter.chapter.id, part.id, None)
    m.set_synopsis("chapter", chapters[0].chapter.id, "The recognition phrase.")
    empty = m.add_chapter("Nothing yet")
    doomed = m.add_scene(empty.id, "Cut", body="A scene that goes.")
    m.add_scene(empty.id, "Kept", body="")
    m.delete_scene(doomed.id)  # an id gap the import must keep

    katya = bible.characters()[0]
    bible.update_character(
        katya.id, patronymic="Andreyevna", portrait="katya.png", colour="#334455", goal="Out."
    )
    extra = bible.add_character("Sasha", role="asset", allegiance="GRU", backstory="Minsk.")
    bible.add_alias(
        extra.id,
        "The Florist",
        "codename",
        valid_from="March 2016",
        valid_until="2019-06-14 23:00",
        used_where="Vienna",
        used_with="the handler",
        notes="Chosen by Moscow.",
    )
    bible.add_alias(extra.id, "Sashenka", "nickname", valid_until="around 2010")
    bible.add_alias(katya.id, "Linnet", "maiden name", valid_from="1988")
    gone = bible.add_character("Nobody")
    bible.delete_character(gone.id)
    location = bible.add_location("Cascais", description="A house facing the sea.", notes="Wind.")
    thread = bible.add_thread(
        "The ledger", "subplot", colour="#00aa00", status="resolved", description="Who paid."
    )

    scenes = [s.id for s in m.binder().scenes()]
    m.update_scene(
        scenes[0],
        notes="Too short?",
        status="revised",
        word_target=1200,
        labels=["chase", "night"],
        location_id=location.id,
    )
    m.update_scene(scenes[3], story_time="summer 2019", status="idea")
    m.set_scene_characters(scenes[0], [katya.id, extra.id])
    m.set_scene_threads(scenes[0], [thread.id, *m.scene(scenes[0]).thread_ids])
    m.set_thread_note(scenes[0], thread.id, "The first payment.")

    first = events.events()[0]
    event = events.add_event(
        "Sasha recruited",
        "first appearance",
        description="In a flower shop.",
        story_time="spring 2016",
        scene_ids=[scenes[1]],
        character_ids=[extra.id],
        location_ids=[location.id],
    )
    events.add_event("Sasha leaves", "departure", story_time="2019-07")
    refs = [ItemRef("scene", s) for s in scenes]
    timeline.set_anchor(refs[1], refs[2], "a day later")
    timeline.set_anchor(ItemRef("event", first.id), refs[2], "an hour later")
    timeline.set_anchor(refs[5], ItemRef("event", event.id), "a week later")
    timeline.move(refs[6], m.scene(scenes[6]).story_time.best_guess.replace(hour=3))  # type: ignore[union-attr]

    continuity = ContinuityService(project.database)
    for warning in continuity.warnings()[:2]:
        continuity.dismiss(warning.key)
    continuity.dismiss(f"pov-absent:{scenes[2]}")
    project.dictionary.add_all(["Shatrov", "Ryabov", "Kessler"])


def _backdate(path: Path) -> None:
    """Dismissals and words made on earlier days, as a real project's are."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE dismissed_warning SET dismissed_at = ?", (DISMISSED_AT,))
        connection.execute(
            "UPDATE project_word SET added_at = ? WHERE word != 'Kessler'", (ADDED_AT,)
        )
    connection.close()


@pytest.fixture(scope="module")
def rich_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rich") / "rich.safehouse"
    with import_bundle(SAMPLE, path) as project:
        _enrich(project)
    _backdate(path)
    return path


def _assert_same(before: Dump, after: Dump) -> None:
    """Every table the same, row for row; a failure names each changed row of every table."""
    assert set(after) == set(before)
    changed: dict[str, object] = {}
    for table in sorted(before):
        old, new = before[table], after[table]
        if len(old) != len(new):
            changed[table] = f"{len(old)} rows before, {len(new)} after"
        elif old != new:
            changed[table] = [pair for pair in zip(old, new, strict=True) if pair[0] != pair[1]]
    assert changed == {}, "changed in the round trip"


def test_the_rich_project_has_something_in_every_table(rich_file: Path) -> None:
    tables = dump(rich_file)
    empty = [name for name, rows in tables.items() if not rows]
    assert empty == [], "the round trip would not be tested on these tables"
    assert len(tables["dismissed_warning"]) == 3
    assert {row[1] for row in tables["project_word"]} == {ADDED_AT, tables["project_word"][0][1]}


def test_import_of_export_keeps_every_row_and_column(rich_file: Path, tmp_path: Path) -> None:
    with open_project(rich_file, read_only=True) as project:
        export_bundle(project, tmp_path / "bundle")
    import_bundle(tmp_path / "bundle", tmp_path / "again.safehouse").close()
    _assert_same(dump(rich_file), dump(tmp_path / "again.safehouse"))


def test_a_second_round_trip_gives_the_same_bytes(rich_file: Path, tmp_path: Path) -> None:
    with open_project(rich_file, read_only=True) as project:
        export_bundle(project, tmp_path / "one")
    with import_bundle(tmp_path / "one", tmp_path / "again.safehouse") as again:
        export_bundle(again, tmp_path / "two")
    for path in sorted((tmp_path / "one").rglob("*")):
        if path.is_file():
            twin = tmp_path / "two" / path.relative_to(tmp_path / "one")
            assert twin.read_bytes() == path.read_bytes(), path.name


def test_the_dismissal_stays_dismissed(rich_file: Path, tmp_path: Path) -> None:
    """The reported case: a warning the writer dismissed came back after export + import."""
    with open_project(rich_file, read_only=True) as project:
        shown = ContinuityService(project.database).warnings()
        dismissed = ContinuityService(project.database).dismissed_keys()
        export_bundle(project, tmp_path / "bundle")
    with import_bundle(tmp_path / "bundle", tmp_path / "again.safehouse") as again:
        continuity = ContinuityService(again.database)
        assert continuity.warnings() == shown
        assert continuity.dismissed_keys() == dismissed


def test_a_bundle_written_before_dates_were_kept_imports_as_before(tmp_path: Path) -> None:
    """An older bundle lists dismissed keys and dictionary words as plain strings."""
    folder = tmp_path / "old"
    shutil.copytree(SAMPLE, folder)
    manifest_path = folder / "project.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest.update(
        format_version=1,
        dictionary=["Shatrov", "Ryabov"],
        dismissed_warnings=["pov-absent:3", "thread-untouched:2:9"],
    )
    manifest["project"]["created_at"] = "2021-01-02T03:04:05"
    manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    with import_bundle(folder, tmp_path / "old.safehouse") as project:
        assert project.dictionary.words() == ["Ryabov", "Shatrov"]
        continuity = ContinuityService(project.database)
        assert continuity.dismissed_keys() == ["pov-absent:3", "thread-untouched:2:9"]
    tables = dump(tmp_path / "old.safehouse")
    # Words are dated with the project, as before; the dismissals have a date of their own.
    assert {row[1] for row in tables["project_word"]} == {"2021-01-02 03:04:05.000000"}
    assert all(row[1] for row in tables["dismissed_warning"])


def test_the_sample_bundle_as_it_is_imports_unchanged(tmp_path: Path) -> None:
    """The sample, written before dates were kept (and before anchors), gives back its every
    field: exported again, it is the same manifest but for what it never held."""
    with import_bundle(SAMPLE, tmp_path / "sample.safehouse") as project:
        assert project.dictionary.words() == []
        assert ContinuityService(project.database).dismissed_keys() == []
        export_bundle(project, tmp_path / "bundle")
    again = json.loads((tmp_path / "bundle" / "project.json").read_text(encoding="utf-8"))
    sample = json.loads((SAMPLE / "project.json").read_text(encoding="utf-8"))
    assert again.pop("dismissed_warnings") == [] and again.pop("dismissed_at") == {}
    assert again.pop("dictionary_added_at") == {}
    assert again["project"].pop("created_at"), "dated with the import"
    for item in [*again["scenes"], *again["events"]]:
        for key in ("anchor_scene_id", "anchor_event_id", "anchor_offset"):
            assert item.pop(key) is None
    assert again == sample
    for path in sorted((SAMPLE / "scenes").iterdir()):
        assert (tmp_path / "bundle" / "scenes" / path.name).read_bytes() == path.read_bytes()
