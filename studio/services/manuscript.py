"""The manuscript: parts, chapters and scenes, their order, and what each scene holds."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Final, NamedTuple

from sqlalchemy import (
    delete,
    select,
)
from sqlalchemy.orm import Session

from studio.core.domain import (
    Binder,
    ChapterInfo,
    PartInfo,
    ProjectInfo,
    Scene,
    SceneInfo,
    SceneStatus,
)
from studio.core.errors import NotFoundError, ValidationError
from studio.core.story_time import StoryTime
from studio.core.text import count_words
from studio.services import convert
from studio.services.manuscript_sql import (
    SET_BODY,
    binder_sql,
    book_order,
    book_text_sql,
    ids_of,
    read_binder,
    scene_info,
    scene_sql,
)
from studio.services.removal import Removed, Restored, capture, restore_in
from studio.services.rows import get_row, place, renumber
from studio.storage.database import ProjectDatabase
from studio.storage.models import (
    ChapterRow,
    CharacterRow,
    LocationRow,
    PartRow,
    ProjectRow,
    SceneCharacterRow,
    SceneRow,
    SceneThreadRow,
    ThreadRow,
)


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset()


@dataclass(frozen=True)
class SceneText:
    """A scene's place in the book and its body, for exporters."""

    chapter: ChapterInfo
    scene: SceneInfo
    body: str


class TextScene(NamedTuple):
    """A scene as an exporter prints it."""

    id: int
    chapter_id: int
    title: str
    synopsis: str
    notes: str
    word_count: int
    body: str


class TextChapter(NamedTuple):
    """A chapter with its scenes in order, and the part it belongs to (None: no part)."""

    id: int
    title: str
    part_id: int | None
    part_title: str | None
    scenes: list[TextScene]


@dataclass(frozen=True)
class BookText:
    """The whole book for exporters: the project, its settings, and every chapter in book
    order (as binder() orders them) with its scenes and their bodies."""

    info: ProjectInfo
    settings: dict[str, object]
    chapters: list[TextChapter]


class ManuscriptService:
    def __init__(self, database: ProjectDatabase) -> None:
        self._db = database

    # -- the project ---------------------------------------------------------------------------
    def info(self) -> ProjectInfo:
        with self._db.read() as session:
            return _project_info(session.scalars(select(ProjectRow)).one())

    def set_info(
        self, *, title: str | None = None, author: str | None = None, language: str | None = None
    ) -> ProjectInfo:
        with self._db.write() as session:
            row = session.scalars(select(ProjectRow)).one()
            if title is not None:
                row.title = _required(title, "The project's title")
            if author is not None:
                row.author = author.strip()
            if language is not None:
                row.language = language.strip() or "en_US"
        return self.info()

    def settings(self) -> dict[str, object]:
        with self._db.read() as session:
            return _settings(session.scalars(select(ProjectRow.settings_json)).one())

    def set_setting(self, key: str, value: object) -> None:
        with self._db.write() as session:
            row = session.scalars(select(ProjectRow)).one()
            settings = json.loads(row.settings_json)
            settings[key] = value
            row.settings_json = json.dumps(settings, sort_keys=True)

    # -- the outline ---------------------------------------------------------------------------
    def binder(self) -> Binder:
        """The whole outline in book order, without loading any scene's body.

        Plain columns, not ORM objects, by SQL compiled once per process: this runs every time
        a project is opened, on a new engine whose statement cache is empty.
        """
        with self._db.read() as session:
            return read_binder(session.connection())

    def book_text(self) -> BookText:
        """The project, its outline and every scene's body, read in one transaction: what an
        exporter needs.

        Plain rows through the driver's cursor, and only the columns an exporter prints: at a
        million words SQLAlchemy's row handling and full SceneInfo objects (story times parsed)
        cost a third of a plain-text export.
        """
        parts_sql, chapters_sql, _ = binder_sql()
        project_sql, scenes_sql = book_text_sql()
        with self._db.engine.connect() as connection:
            cursor = connection.connection.cursor()
            try:
                # One snapshot for all four reads (the driver starts none for a SELECT): a
                # save from another connection between them cannot orphan a scene.
                cursor.execute("BEGIN")
                project = cursor.execute(project_sql).fetchone()
                parts = cursor.execute(parts_sql).fetchall()
                chapters = cursor.execute(chapters_sql).fetchall()
                scenes = cursor.execute(scenes_sql).fetchall()
                cursor.execute("ROLLBACK")
            finally:
                cursor.close()
        title, author, language, settings_json, created_at = project
        info = ProjectInfo(
            title=title,
            author=author,
            language=language,
            created_at=None if created_at is None else datetime.fromisoformat(created_at),
        )
        by_chapter: dict[int, list[TextScene]] = {}
        for scene in map(TextScene._make, scenes):
            by_chapter.setdefault(scene.chapter_id, []).append(scene)
        # Book order as read_binder has it: the chapters outside any part, then each part's.
        part_titles = {p[0]: p[1] for p in parts}
        by_part: dict[int | None, list[TextChapter]] = {}
        for chapter_id, part_id, chapter_title, _position, _synopsis in chapters:
            by_part.setdefault(part_id, []).append(
                TextChapter(
                    chapter_id,
                    chapter_title,
                    part_id,
                    part_titles.get(part_id) if part_id is not None else None,
                    by_chapter.get(chapter_id, []),
                )
            )
        ordered = list(by_part.get(None, ()))
        for part in parts:
            ordered.extend(by_part.get(part[0], ()))
        return BookText(info, _settings(settings_json), ordered)

    def add_part(self, title: str, position: int | None = None) -> PartInfo:
        with self._db.write() as session:
            siblings = session.scalars(select(PartRow)).all()
            row = PartRow(title=_required(title, "A part's title"), position=len(siblings))
            session.add(row)
            session.flush()
            place([*siblings, row], row, position)
            return convert.part_info(row)

    def add_chapter(
        self, title: str, part_id: int | None = None, position: int | None = None
    ) -> ChapterInfo:
        with self._db.write() as session:
            if part_id is not None:
                get_row(session, PartRow, part_id, "part")
            siblings = self._chapters_in(session, part_id)
            row = ChapterRow(
                title=_required(title, "A chapter's title"),
                part_id=part_id,
                position=len(siblings),
            )
            session.add(row)
            session.flush()
            place([*siblings, row], row, position)
            return convert.chapter_info(row)

    def add_scene(
        self, chapter_id: int, title: str, position: int | None = None, body: str = ""
    ) -> SceneInfo:
        with self._db.write() as session:
            get_row(session, ChapterRow, chapter_id, "chapter")
            siblings = self._scenes_in(session, chapter_id)
            row = SceneRow(
                chapter_id=chapter_id,
                title=_required(title, "A scene's title"),
                position=len(siblings),
                body=body,
                word_count=count_words(body),
                status=SceneStatus.DRAFT.value,
                labels_json="[]",
            )
            session.add(row)
            session.flush()
            place([*siblings, row], row, position)
            return convert.scene_info(row)

    def rename_part(self, part_id: int, title: str) -> None:
        with self._db.write() as session:
            get_row(session, PartRow, part_id, "part").title = _required(title, "A part's title")

    def rename_chapter(self, chapter_id: int, title: str) -> None:
        with self._db.write() as session:
            row = get_row(session, ChapterRow, chapter_id, "chapter")
            row.title = _required(title, "A chapter's title")

    def rename_scene(self, scene_id: int, title: str) -> None:
        with self._db.write() as session:
            row = get_row(session, SceneRow, scene_id, "scene")
            row.title = _required(title, "A scene's title")

    def set_synopsis(self, kind: str, row_id: int, synopsis: str) -> None:
        """The synopsis of a part or chapter (scenes have update_scene)."""
        model: type[PartRow] | type[ChapterRow] = PartRow if kind == "part" else ChapterRow
        with self._db.write() as session:
            get_row(session, model, row_id, kind).synopsis = synopsis

    def move_part(self, part_id: int, position: int) -> None:
        with self._db.write() as session:
            row = get_row(session, PartRow, part_id, "part")
            place(session.scalars(select(PartRow)).all(), row, position)

    def move_chapter(self, chapter_id: int, part_id: int | None, position: int | None) -> None:
        """Move a chapter to position within part_id (None: the chapters outside any part)."""
        with self._db.write() as session:
            row = get_row(session, ChapterRow, chapter_id, "chapter")
            if part_id is not None:
                get_row(session, PartRow, part_id, "part")
            old_part = row.part_id
            row.part_id = part_id
            session.flush()
            place(self._chapters_in(session, part_id), row, position)
            if old_part != part_id:
                renumber(self._chapters_in(session, old_part))

    def move_scene(self, scene_id: int, chapter_id: int, position: int | None) -> None:
        """Move a scene to position within chapter_id (another chapter or part is fine)."""
        with self._db.write() as session:
            row = get_row(session, SceneRow, scene_id, "scene")
            get_row(session, ChapterRow, chapter_id, "chapter")
            old_chapter = row.chapter_id
            row.chapter_id = chapter_id
            session.flush()
            place(self._scenes_in(session, chapter_id), row, position)
            if old_chapter != chapter_id:
                renumber(self._scenes_in(session, old_chapter))

    def delete_part(self, part_id: int) -> Removed:
        """Delete a part with its chapters and scenes; what was removed is returned for
        restore()."""
        with self._db.write() as session:
            removed = capture(session.connection(), "part", part_id)
            session.delete(get_row(session, PartRow, part_id, "part"))
            session.flush()
            renumber(session.scalars(select(PartRow)).all())
        return removed

    def delete_chapter(self, chapter_id: int) -> Removed:
        """Delete a chapter with its scenes; what was removed is returned for restore()."""
        with self._db.write() as session:
            removed = capture(session.connection(), "chapter", chapter_id)
            row = get_row(session, ChapterRow, chapter_id, "chapter")
            part_id = row.part_id
            session.delete(row)
            session.flush()
            renumber(self._chapters_in(session, part_id))
        return removed

    def delete_scene(self, scene_id: int) -> Removed:
        """Delete a scene; what was removed (its links too) is returned for restore()."""
        with self._db.write() as session:
            removed = capture(session.connection(), "scene", scene_id)
            row = get_row(session, SceneRow, scene_id, "scene")
            chapter_id = row.chapter_id
            session.delete(row)
            session.flush()
            renumber(self._scenes_in(session, chapter_id))
        return removed

    def restore(self, removed: Removed) -> Restored:
        """Put back a deleted part, chapter or scene with the same ids, order and links."""
        return restore_in(self._db, removed)

    # -- scenes ----------------------------------------------------------------------------------
    def scene(self, scene_id: int) -> Scene:
        """One scene whole (what the editor and inspector show when it is opened): one query,
        its characters and threads gathered by SQLite beside its columns."""
        with self._db.read() as session:
            row = session.connection().exec_driver_sql(scene_sql(), (scene_id,)).first()
        if row is None:
            gone = f"That scene no longer exists (id {scene_id}); refresh and try again."
            raise NotFoundError(gone)
        info = scene_info(row)
        body, notes, characters, threads = row[15:]
        return Scene(
            **{f: getattr(info, f) for f in info.__dataclass_fields__},
            body=body,
            notes=notes,
            character_ids=ids_of(characters),
            thread_ids=ids_of(threads),
        )

    def set_scene_body(self, scene_id: int, body: str) -> int:
        """Save a scene's text (the autosave path: one UPDATE); returns its word count."""
        words = count_words(body)
        with self._db.write_connection() as connection:
            result = connection.execute(
                SET_BODY, {"scene_id": scene_id, "new_body": body, "new_words": words}
            )
        if result.rowcount == 0:
            with self._db.read() as session:
                get_row(session, SceneRow, scene_id, "scene")
        return words

    def update_scene(
        self,
        scene_id: int,
        *,
        synopsis: str | _Unset = UNSET,
        notes: str | _Unset = UNSET,
        status: SceneStatus | str | _Unset = UNSET,
        pov_id: int | _Unset | None = UNSET,
        location_id: int | _Unset | None = UNSET,
        story_time: StoryTime | str | _Unset | None = UNSET,
        word_target: int | _Unset | None = UNSET,
        labels: Iterable[str] | _Unset = UNSET,
    ) -> SceneInfo:
        """Change any of a scene's fields; the ones not given stay as they are."""
        with self._db.write() as session:
            row = get_row(session, SceneRow, scene_id, "scene")
            if not isinstance(synopsis, _Unset):
                row.synopsis = synopsis
            if not isinstance(notes, _Unset):
                row.notes = notes
            if not isinstance(status, _Unset):
                row.status = _status(status).value
            if not isinstance(pov_id, _Unset):
                if pov_id is not None:
                    get_row(session, CharacterRow, pov_id, "character")
                row.pov_id = pov_id
            if not isinstance(location_id, _Unset):
                if location_id is not None:
                    get_row(session, LocationRow, location_id, "location")
                row.location_id = location_id
            if not isinstance(story_time, _Unset):
                (row.story_text, row.story_start, row.story_end, row.story_precision) = (
                    convert.story_columns(story_time)
                )
            if not isinstance(word_target, _Unset):
                if word_target is not None and word_target < 0:
                    raise ValidationError("A word target cannot be negative.")
                row.word_target = word_target
            if not isinstance(labels, _Unset):
                row.labels_json = json.dumps([str(label) for label in labels])
            session.flush()
            return convert.scene_info(row)

    def set_scene_characters(self, scene_id: int, character_ids: Iterable[int]) -> None:
        wanted = set(character_ids)
        with self._db.write() as session:
            get_row(session, SceneRow, scene_id, "scene")
            for character_id in wanted:
                get_row(session, CharacterRow, character_id, "character")
            session.execute(delete(SceneCharacterRow).where(SceneCharacterRow.scene_id == scene_id))
            session.add_all(SceneCharacterRow(scene_id=scene_id, character_id=c) for c in wanted)

    def set_scene_threads(self, scene_id: int, thread_ids: Iterable[int]) -> None:
        """The threads a scene advances; notes of threads it keeps are kept."""
        wanted = set(thread_ids)
        with self._db.write() as session:
            get_row(session, SceneRow, scene_id, "scene")
            current = {
                r.thread_id: r
                for r in session.scalars(
                    select(SceneThreadRow).where(SceneThreadRow.scene_id == scene_id)
                )
            }
            for thread_id in wanted - current.keys():
                get_row(session, ThreadRow, thread_id, "plot thread")
                session.add(SceneThreadRow(scene_id=scene_id, thread_id=thread_id, note=""))
            for thread_id in current.keys() - wanted:
                session.delete(current[thread_id])

    def thread_notes(self) -> list[tuple[int, int, str]]:
        """(scene id, thread id, note) for every scene–thread link."""
        with self._db.read() as session:
            rows = session.execute(
                select(SceneThreadRow.scene_id, SceneThreadRow.thread_id, SceneThreadRow.note)
            )
            return sorted((s, t, n) for s, t, n in rows)

    def set_thread_note(self, scene_id: int, thread_id: int, note: str) -> None:
        """The one-line note on how a scene advances a thread (the scene must advance it)."""
        with self._db.write() as session:
            row = session.get(SceneThreadRow, (scene_id, thread_id))
            if row is None:
                raise ValidationError("That scene does not advance that thread; tick it first.")
            row.note = note.strip()

    def scene_texts(self, chapter_ids: Iterable[int] | None = None) -> Iterator[SceneText]:
        """Every scene with its body in book order (or only those of chapter_ids)."""
        with self._db.read() as session:
            chapters = {
                c.id: convert.chapter_info(c)
                for c in session.scalars(select(ChapterRow).order_by(*book_order()))
            }
            query = (
                select(SceneRow)
                .join(ChapterRow, SceneRow.chapter_id == ChapterRow.id)
                .order_by(*book_order(), SceneRow.position)
            )
            if chapter_ids is not None:
                query = query.where(SceneRow.chapter_id.in_(list(chapter_ids)))
            for row in session.scalars(query):
                yield SceneText(chapters[row.chapter_id], convert.scene_info(row), row.body)

    # -- helpers -------------------------------------------------------------------------------
    @staticmethod
    def _chapters_in(session: Session, part_id: int | None) -> list[ChapterRow]:
        condition = (
            ChapterRow.part_id.is_(None) if part_id is None else ChapterRow.part_id == part_id
        )
        return list(session.scalars(select(ChapterRow).where(condition)).all())

    @staticmethod
    def _scenes_in(session: Session, chapter_id: int) -> list[SceneRow]:
        return list(session.scalars(select(SceneRow).where(SceneRow.chapter_id == chapter_id)))


def _required(value: str, what: str) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise ValidationError(f"{what} cannot be empty.")
    return cleaned


def _status(value: SceneStatus | str) -> SceneStatus:
    try:
        return SceneStatus(value)
    except ValueError:
        choices = ", ".join(s.value for s in SceneStatus)
        raise ValidationError(f"{value!r} is not a scene status; use one of {choices}.") from None


def _project_info(row: ProjectRow) -> ProjectInfo:
    return ProjectInfo(
        title=row.title, author=row.author, language=row.language, created_at=row.created_at
    )


def _settings(settings_json: str) -> dict[str, object]:
    value = json.loads(settings_json)
    return dict(value) if isinstance(value, dict) else {}
