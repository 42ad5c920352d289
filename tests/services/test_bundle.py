"""The portable bundle: import(export(p)) == p, field by field, and bad bundles refused cleanly."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from studio.core.errors import BundleError, ProjectExistsError
from studio.export.bundle import export_bundle
from studio.importers.bundle import import_bundle
from studio.services.project import Project, open_project
from studio.storage.models import Base

SAMPLE = Path(__file__).resolve().parents[2] / "projects" / "the-lisbon-drop"

Tables = dict[str, list[tuple[Any, ...]]]


def every_row(project: Project) -> Tables:
    """Every column of every row of every table, each table ordered by its primary key."""
    tables: Tables = {}
    with project.database.read() as session:
        for table in Base.metadata.sorted_tables:
            query = select(table).order_by(*table.primary_key.columns)
            tables[table.name] = [tuple(row) for row in session.execute(query)]
    return tables


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project imported once; tests open it read-only."""
    path = tmp_path_factory.mktemp("sample") / "sample.safehouse"
    import_bundle(SAMPLE, path).close()
    return path


def test_the_sample_is_a_spy_romance_with_everything(sample: Path) -> None:
    with open_project(sample, read_only=True) as project:
        stats = project.stats()
        assert 3 <= stats.chapters <= 4
        assert 8 <= stats.scenes <= 12
        assert 3_000 <= stats.words <= 5_000
        assert stats.characters >= 4
        covers = [c for c in project.bible.characters() if c.aliases]
        assert len(covers) >= 2
        assert stats.locations >= 2
        assert {t.kind.value for t in project.bible.threads()} >= {"espionage", "romance"}
        for scene in project.manuscript.binder().scenes():
            assert scene.pov_id is not None, scene.title
            assert scene.synopsis.strip(), scene.title
            assert scene.story_time is not None, scene.title
        # A flashback years before chapter one.
        first = min(
            s.story_time.start
            for s in project.manuscript.binder().chapters()[0].scenes
            if s.story_time
        )
        dated = [e.story_time for e in project.events.events() if e.story_time]
        assert any(first.year - t.end.year >= 2 for t in dated)


def test_import_of_export_is_the_same_project(sample: Path, tmp_path: Path) -> None:
    with open_project(sample, read_only=True) as original:
        export_bundle(original, tmp_path / "bundle")
        before = every_row(original)
    with import_bundle(tmp_path / "bundle", tmp_path / "again.safehouse") as again:
        after = every_row(again)
    assert set(after) == set(before)
    for table in before:
        assert after[table] == before[table], f"table {table} changed in the round trip"
    assert before["scene"], "the comparison saw the scenes"
    assert before["alias"], "the comparison saw the aliases"


def test_exporting_twice_gives_the_same_bytes(sample: Path, tmp_path: Path) -> None:
    with open_project(sample, read_only=True) as project:
        export_bundle(project, tmp_path / "one")
        export_bundle(project, tmp_path / "two")
        # Over an older bundle: replaced whole, with nothing left over.
        (tmp_path / "two" / "scenes" / "99-99-a-deleted-scene.md").write_text("Old.\n")
        export_bundle(project, tmp_path / "two")
    one, two = files_of(tmp_path / "one"), files_of(tmp_path / "two")
    assert one == two
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one", "two"], "no staging left behind"


def test_a_bundle_kept_in_git_keeps_its_history_and_notes_when_written_again(
    sample: Path, tmp_path: Path
) -> None:
    book = tmp_path / "book"
    with open_project(sample, read_only=True) as project:
        export_bundle(project, book)
        (book / ".git").mkdir()
        (book / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
        (book / "NOTES.md").write_text("Ask the agent about the Lisbon chapter.\n")
        (book / "scenes" / "99-99-a-deleted-scene.md").write_text("Old.\n")
        export_bundle(project, book)
        export_bundle(project, tmp_path / "alone")
    assert (book / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert (book / "NOTES.md").read_text() == "Ask the agent about the Lisbon chapter.\n"
    written = {k: v for k, v in files_of(book).items() if k.startswith(("scenes", "project"))}
    assert written == files_of(tmp_path / "alone"), "the new bundle, no old scene left over"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alone", "book"], "no staging left"


def test_a_re_imported_bundle_exports_the_same_bytes(sample: Path, tmp_path: Path) -> None:
    with open_project(sample, read_only=True) as project:
        export_bundle(project, tmp_path / "one")
    with import_bundle(tmp_path / "one", tmp_path / "again.safehouse") as again:
        export_bundle(again, tmp_path / "two")
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")


def test_the_bundle_is_readable_and_in_manuscript_order(sample: Path, tmp_path: Path) -> None:
    with open_project(sample, read_only=True) as project:
        export_bundle(project, tmp_path / "bundle")
        binder = project.manuscript.binder()
        first = project.manuscript.scene(binder.scenes()[0].id)
    manifest = json.loads((tmp_path / "bundle" / "project.json").read_text(encoding="utf-8"))
    names = sorted(p.name for p in (tmp_path / "bundle" / "scenes").iterdir())
    assert [s["file"] for s in manifest["scenes"]] == [f"scenes/{n}" for n in names]
    assert names[0].startswith("01-01-")
    assert len(names) == len(binder.scenes())
    text = (tmp_path / "bundle" / "scenes" / names[0]).read_text(encoding="utf-8")
    assert text == first.body + "\n"
    assert "“" in text or '"' in text, "prose as written, not escaped"


def _bundle_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "bundle"
    shutil.copytree(SAMPLE, folder)
    return folder


def _edit_manifest(folder: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = folder / "project.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")


def _no_manifest(folder: Path) -> None:
    (folder / "project.json").unlink()


def _bad_json(folder: Path) -> None:
    path = folder / "project.json"
    path.write_text(path.read_text(encoding="utf-8")[:-200], encoding="utf-8")


def _missing_scene(folder: Path) -> None:
    sorted((folder / "scenes").iterdir())[3].unlink()


def _newer(folder: Path) -> None:
    _edit_manifest(folder, lambda m: m.update(format_version=99))


def _not_a_bundle(folder: Path) -> None:
    _edit_manifest(folder, lambda m: m.update(format="something-else"))


def _dangling_pov(folder: Path) -> None:
    _edit_manifest(folder, lambda m: m["scenes"][0].update(pov_id=999))


def _bad_status(folder: Path) -> None:
    _edit_manifest(folder, lambda m: m["scenes"][0].update(status="polished"))


def _bad_story_time(folder: Path) -> None:
    _edit_manifest(folder, lambda m: m["scenes"][0].update(story_time="the other day"))


def _bad_dismissal_date(folder: Path) -> None:
    _edit_manifest(
        folder,
        lambda m: m.update(
            dismissed_warnings=["pov-absent:1"], dismissed_at={"pov-absent:1": "Tuesday"}
        ),
    )


def _not_utf8(folder: Path) -> None:
    sorted((folder / "scenes").iterdir())[0].write_bytes("caf\xe9".encode("latin-1"))


BAD = [
    ("no manifest", _no_manifest, "has no project.json"),
    ("bad JSON", _bad_json, "cannot be read"),
    ("missing scene", _missing_scene, "is missing from the bundle"),
    ("newer format", _newer, "newer version of Safehouse"),
    ("not a bundle", _not_a_bundle, "not a Safehouse bundle manifest"),
    ("dangling id", _dangling_pov, "refers to a row it does not hold"),
    ("bad status", _bad_status, "is inconsistent"),
    ("bad story time", _bad_story_time, "is inconsistent"),
    ("not UTF-8", _not_utf8, "is not UTF-8"),
    ("bad dismissal date", _bad_dismissal_date, "is inconsistent"),
]


@pytest.mark.parametrize(("name", "spoil", "says"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_bundle_is_refused_and_creates_no_project(
    tmp_path: Path, name: str, spoil: Callable[[Path], None], says: str
) -> None:
    folder = _bundle_copy(tmp_path)
    spoil(folder)
    target = tmp_path / "imported.safehouse"
    with pytest.raises(BundleError, match=says) as caught:
        import_bundle(folder, target)
    assert "\n" not in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle"], "no project, no leftovers"


def test_a_folder_that_does_not_exist_is_not_a_bundle(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="is not a folder"):
        import_bundle(tmp_path / "nothing", tmp_path / "imported.safehouse")
    assert list(tmp_path.iterdir()) == []


def test_import_never_overwrites_a_project(sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.safehouse"
    shutil.copyfile(sample, target)
    before = target.read_bytes()
    with pytest.raises(ProjectExistsError, match="already exists"):
        import_bundle(SAMPLE, target)
    assert target.read_bytes() == before


def test_a_book_with_parts_moves_and_every_kind_of_field_survives(
    project: Project, tmp_path: Path
) -> None:
    m, bible = project.manuscript, project.bible
    katya = bible.add_character("Katya", given_name="Katerina", role="protagonist")
    bible.add_alias(katya.id, "Linnet", "codename", valid_from="winter 2014", notes="A bird.")
    tom = bible.add_character("Tom")
    cascais = bible.add_location("Cascais", description="A house facing the sea.")
    drop = bible.add_thread("The drop", "espionage", colour="#aa0000")
    one, two = m.add_part("One"), m.add_part("Two")
    loose = m.add_chapter("Prologue")
    first = m.add_chapter("Basil", part_id=one.id)
    second = m.add_chapter("Snow", part_id=two.id)
    m.add_chapter("Empty", part_id=two.id)
    a = m.add_scene(first.id, "A", body="*Run.*\n\nShe ran.")
    b = m.add_scene(first.id, "B", body="")
    c = m.add_scene(loose.id, "C", body="Before it all.")
    m.move_part(two.id, 0)
    m.move_chapter(first.id, two.id, 0)
    m.move_scene(c.id, second.id, 0)
    m.update_scene(
        a.id,
        synopsis="She runs.",
        notes="Too short?",
        status="final",
        pov_id=katya.id,
        location_id=cascais.id,
        story_time="2019-06-13 21:20",
        word_target=500,
        labels=["chase", "night"],
    )
    m.update_scene(b.id, story_time="summer 2019", status="idea")
    m.set_scene_characters(a.id, [katya.id, tom.id])
    m.set_scene_threads(a.id, [drop.id])
    m.set_thread_note(a.id, drop.id, "The card is posted.")
    project.events.add_event(
        "Posted",
        story_time="2019-06-13",
        scene_ids=[a.id],
        character_ids=[katya.id],
        location_ids=[cascais.id],
    )
    bible.delete_character(tom.id)
    project.dictionary.add_all(["Shatrov", "Ryabov"])
    m.set_setting("export.separator", "* * *")
    m.set_info(author="A. Writer")

    export_bundle(project, tmp_path / "bundle")
    before = every_row(project)
    with import_bundle(tmp_path / "bundle", tmp_path / "again.safehouse") as again:
        after = every_row(again)
    assert before["project_word"], "the comparison saw the dictionary"
    for table in before:
        assert after[table] == before[table], f"table {table} changed in the round trip"
