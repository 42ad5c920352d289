"""The thread grid: plot threads by scenes in book order, and how each chapter divides.

A cell says whether a scene advances a thread, with the writer's one-line note (the note
column of scene_thread). The strip under each chapter says how its words divide between the
espionage and the romance: a scene's words count toward every kind of thread it advances, so
a scene advancing both counts for both ("Chapter 2: 70% espionage, 30% romance").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.core.domain import ThreadKind
from studio.services.rows import get_row
from studio.services.timeline_data import ChapterRecord, Snapshot, ThreadRecord
from studio.storage.models import SceneRow, SceneThreadRow, ThreadRow


@dataclass(frozen=True)
class GridColumn:
    scene_id: int
    title: str
    chapter_id: int
    word_count: int


@dataclass(frozen=True)
class GridChapter:
    chapter_id: int
    title: str
    number: int  # 1-based, in book order
    scene_ids: tuple[int, ...]
    words: int
    words_by_kind: Mapping[ThreadKind, int] = field(default_factory=dict)

    def share(self, kind: ThreadKind) -> int:
        """kind's share, in whole percent, of the words spent on espionage and romance."""
        espionage = self.words_by_kind.get(ThreadKind.ESPIONAGE, 0)
        romance = self.words_by_kind.get(ThreadKind.ROMANCE, 0)
        if espionage + romance == 0:
            return 0
        espionage_share = round(100 * espionage / (espionage + romance))
        return espionage_share if kind is ThreadKind.ESPIONAGE else 100 - espionage_share

    @property
    def summary(self) -> str:
        """ "Chapter 2: 70% espionage, 30% romance", in words a writer reads at a glance."""
        label = f"Chapter {self.number}"
        kinds = [k for k in (ThreadKind.ESPIONAGE, ThreadKind.ROMANCE) if k in self.words_by_kind]
        if not kinds:
            return f"{label}: no espionage or romance thread advanced"
        if not any(self.words_by_kind[k] for k in kinds):
            return f"{label}: {' and '.join(k.value for k in kinds)}, no words yet"
        espionage, romance = self.share(ThreadKind.ESPIONAGE), self.share(ThreadKind.ROMANCE)
        return f"{label}: {espionage}% espionage, {romance}% romance"


@dataclass(frozen=True)
class ThreadGrid:
    threads: tuple[ThreadRecord, ...]  # the rows (filtered by kind)
    columns: tuple[GridColumn, ...]  # every scene, in book order
    chapters: tuple[GridChapter, ...]  # the column groups, with their strip
    notes: Mapping[tuple[int, int], str]  # (thread_id, scene_id) -> note, for advancing cells

    def advances(self, thread_id: int, scene_id: int) -> bool:
        return (thread_id, scene_id) in self.notes

    def note(self, thread_id: int, scene_id: int) -> str:
        return self.notes.get((thread_id, scene_id), "")


def _chapter(
    chapter: ChapterRecord, scenes: list[GridColumn], kinds: dict[int, set[ThreadKind]]
) -> GridChapter:
    by_kind: dict[ThreadKind, int] = {}
    for scene in scenes:
        for kind in kinds.get(scene.scene_id, ()):
            by_kind[kind] = by_kind.get(kind, 0) + scene.word_count
    return GridChapter(
        chapter_id=chapter.id,
        title=chapter.title,
        number=chapter.index + 1,
        scene_ids=tuple(s.scene_id for s in scenes),
        words=sum(s.word_count for s in scenes),
        words_by_kind=by_kind,
    )


def build_grid(snapshot: Snapshot, kinds: frozenset[str] | None = None) -> ThreadGrid:
    """The grid over a snapshot; kinds (thread kind values) filters the rows, not the strip."""
    thread_kind = {t.id: t.kind for t in snapshot.threads}
    columns_by_chapter: dict[int, list[GridColumn]] = {}
    scene_kinds: dict[int, set[ThreadKind]] = {}
    notes: dict[tuple[int, int], str] = {}
    for scene in snapshot.scenes:
        column = GridColumn(scene.id, scene.title, scene.chapter_id, scene.word_count)
        columns_by_chapter.setdefault(scene.chapter_id, []).append(column)
        scene_kinds[scene.id] = {thread_kind[t] for t in scene.thread_notes if t in thread_kind}
        for thread_id, note in scene.thread_notes.items():
            notes[(thread_id, scene.id)] = note
    rows = tuple(t for t in snapshot.threads if kinds is None or t.kind.value in kinds)
    return ThreadGrid(
        threads=rows,
        columns=tuple(c for ch in snapshot.chapters for c in columns_by_chapter.get(ch.id, [])),
        chapters=tuple(
            _chapter(ch, columns_by_chapter.get(ch.id, []), scene_kinds) for ch in snapshot.chapters
        ),
        notes=notes,
    )


def _cell(session: Session, scene_id: int, thread_id: int) -> SceneThreadRow | None:
    get_row(session, SceneRow, scene_id, "scene")
    get_row(session, ThreadRow, thread_id, "plot thread")
    return session.scalars(
        select(SceneThreadRow).where(
            SceneThreadRow.scene_id == scene_id, SceneThreadRow.thread_id == thread_id
        )
    ).one_or_none()


def set_cell(session: Session, scene_id: int, thread_id: int, advances: bool) -> None:
    row = _cell(session, scene_id, thread_id)
    if advances and row is None:
        session.add(SceneThreadRow(scene_id=scene_id, thread_id=thread_id, note=""))
    elif not advances and row is not None:
        session.delete(row)


def set_cell_note(session: Session, scene_id: int, thread_id: int, note: str) -> None:
    # One line: a pasted paragraph would not fit the cell, and the bundle keeps it on one line.
    line = " ".join(note.split())
    row = _cell(session, scene_id, thread_id)
    if row is None:
        if line:
            session.add(SceneThreadRow(scene_id=scene_id, thread_id=thread_id, note=line))
    else:
        row.note = line
