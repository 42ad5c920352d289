"""The timeline: relative story times, story order against book order, and the thread grid.

An item (scene or timeline event) has either a fixed story time or an anchor (another scene
or event) and an offset phrase ("5 years before"). Its story_* columns always hold its resolved
time, written whenever the item or anything it hangs on changes, so that sorting by story time
stays one ORDER BY and readers that know nothing of anchors still see the right time.

Changes made elsewhere (ManuscriptService.update_scene(story_time=...), a bundle import) do not
move the items hanging on the changed one until resolve_all() runs; the window and the importer
should set times through this service.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, exists, literal_column, or_, select, union, update
from sqlalchemy.orm import Session

from studio.core.errors import NotFoundError, StoryTimeError
from studio.core.relative_time import RelativeOffset, describe_offset, parse_offset
from studio.core.story_time import StoryTime
from studio.core.story_time_text import story_time_near
from studio.services import convert
from studio.services.anchors import (
    Node,
    check_anchor,
    dependants_of,
    resolution_order,
    resolve,
    resolve_one,
)
from studio.services.story_order import BookOrderEntry, TimelineItem, book_order, story_order
from studio.services.thread_grid import ThreadGrid, build_grid, set_cell, set_cell_note
from studio.services.timeline_data import (
    ItemKind,
    ItemRef,
    anchor_ref,
    load_snapshot,
    rows,
    sql_text,
)
from studio.storage.database import ProjectDatabase
from studio.storage.models import EventRow, SceneRow

_MODELS: dict[ItemKind, type[SceneRow] | type[EventRow]] = {"scene": SceneRow, "event": EventRow}


@dataclass(frozen=True)
class Placement:
    """Where an item sits in story time: an anchor and an offset, or a fixed time (text).

    For an anchored item story_time is its resolved time, for information. Undo keeps the
    Placement from before a change and gives it back to set_placement().
    """

    story_time: str | None
    anchor: ItemRef | None = None
    offset: str | None = None


def _columns(model: type[SceneRow] | type[EventRow]) -> tuple[Any, ...]:
    return (
        model.id,
        model.title,
        model.story_text,
        model.story_start,
        model.story_end,
        model.story_precision,
        model.anchor_scene_id,
        model.anchor_event_id,
        model.anchor_offset,
    )


def _add_nodes(nodes: dict[ItemRef, Node], kind: ItemKind, found: Iterable[Any]) -> None:
    for r in found:
        ref = ItemRef(kind, r.id)
        nodes[ref] = Node(
            ref=ref,
            title=r.title,
            story_time=convert.story_time_or_none(
                r.story_text, r.story_start, r.story_end, r.story_precision
            ),
            anchor=anchor_ref(r.anchor_scene_id, r.anchor_event_id),
            offset=r.anchor_offset,
        )


def _nodes(session: Session) -> dict[ItemRef, Node]:
    nodes: dict[ItemRef, Node] = {}
    for kind, model in _MODELS.items():
        _add_nodes(nodes, kind, session.execute(select(*_columns(model))))
    return nodes


# Whether anything is anchored at all: four look-ups in the anchor columns' indexes.
_ANY_ANCHORED = sql_text(
    select(
        or_(
            *(
                exists(select(literal_column("1")).where(column.is_not(None)))
                for model in _MODELS.values()
                for column in (model.anchor_scene_id, model.anchor_event_id)
            )
        )
    )
)


def _involved(kind: ItemKind) -> Select[Any]:
    """The rows of kind that are anchored or are an anchor: their ids come from the anchor
    columns' indexes alone and the rows by id, so the table (the scene bodies) is not scanned."""
    model = _MODELS[kind]
    ids: list[Select[Any]] = [
        select(model.id).where(c.is_not(None))
        for c in (model.anchor_scene_id, model.anchor_event_id)
    ]
    for other in _MODELS.values():
        column = other.anchor_scene_id if kind == "scene" else other.anchor_event_id
        ids.append(select(column).where(column.is_not(None)))
    return select(*_columns(model)).where(model.id.in_(union(*ids)))


_INVOLVED = {kind: _involved(kind) for kind in _MODELS}


def _anchored_nodes(session: Session) -> dict[ItemRef, Node]:
    """The anchored items and the items they hang on: all that resolving needs."""
    nodes: dict[ItemRef, Node] = {}
    for kind, query in _INVOLVED.items():
        _add_nodes(nodes, kind, session.execute(query))
    return nodes


def _write_times(session: Session, times: Mapping[ItemRef, StoryTime | None]) -> None:
    """Store resolved times with one bulk UPDATE per table."""
    for kind, model in _MODELS.items():
        rows = [
            dict(
                zip(
                    ("id", "story_text", "story_start", "story_end", "story_precision"),
                    (ref.id, *convert.story_columns(time)),
                    strict=True,
                )
            )
            for ref, time in times.items()
            if ref.kind == kind
        ]
        if rows:
            session.execute(update(model), rows)


def _write_anchor(
    session: Session, ref: ItemRef, anchor: ItemRef | None, offset: str | None
) -> None:
    model = _MODELS[ref.kind]
    session.execute(
        update(model)
        .where(model.id == ref.id)
        .values(
            anchor_scene_id=anchor.id if anchor is not None and anchor.kind == "scene" else None,
            anchor_event_id=anchor.id if anchor is not None and anchor.kind == "event" else None,
            anchor_offset=offset if anchor is not None else None,
        )
        .execution_options(synchronize_session=False)
    )


def _node(nodes: Mapping[ItemRef, Node], ref: ItemRef) -> Node:
    node = nodes.get(ref)
    if node is None:
        raise NotFoundError(
            f"That {ref.kind} no longer exists (id {ref.id}); refresh and try again."
        )
    return node


class TimelineService:
    def __init__(self, database: ProjectDatabase) -> None:
        self._db = database

    # -- reading ---------------------------------------------------------------------------------
    def story_order(self) -> list[TimelineItem]:
        """Scenes and events in story order, untimed ones last."""
        # Lanes are drawn by id (the view names them from the bible): no names needed here.
        with self._db.engine.connect() as connection:
            snapshot = load_snapshot(connection, names=False, threads=False)
        return story_order(snapshot)

    def book_order(self) -> list[BookOrderEntry]:
        """Scenes in book order with their story time and flashback / flash-forward marks."""
        with self._db.engine.connect() as connection:
            snapshot = load_snapshot(
                connection, links=False, events=False, names=False, threads=False
            )
        return book_order(snapshot)

    def placement(self, ref: ItemRef) -> Placement:
        with self._db.read() as session:
            node = _node(_nodes(session), ref)
        text = None if node.story_time is None else node.story_time.text
        return Placement(text, node.anchor, node.offset if node.anchor else None)

    def anchors(self) -> dict[ItemRef, tuple[ItemRef, str | None]]:
        """Every anchored item's anchor and offset, in one read (for the bundle)."""
        with self._db.read() as session:
            nodes = _nodes(session)
        return {r: (n.anchor, n.offset) for r, n in nodes.items() if n.anchor is not None}

    def dependants(self, ref: ItemRef) -> list[ItemRef]:
        """The items that move when ref moves, each after the one it hangs on."""
        with self._db.read() as session:
            return dependants_of(_nodes(session), [ref])

    # -- placing ---------------------------------------------------------------------------------
    def set_story_time(self, ref: ItemRef, value: StoryTime | str | None) -> list[ItemRef]:
        """Give ref a fixed story time (None: no time), dropping any anchor; returns the
        dependants that moved with it."""
        return self.set_placement(ref, Placement(_text(value)))

    def set_anchor(self, ref: ItemRef, anchor: ItemRef, offset: str) -> list[ItemRef]:
        """Hang ref on anchor at offset ("5 years before"); cycles are refused."""
        return self.set_placement(ref, Placement(None, anchor, offset))

    def detach(self, ref: ItemRef) -> None:
        """Let ref go of its anchor, keeping the time it has now as a fixed time."""
        placement = self.placement(ref)
        self.set_placement(ref, Placement(placement.story_time))

    def set_placement(self, ref: ItemRef, placement: Placement) -> list[ItemRef]:
        """Place ref as given and re-resolve what hangs on it; returns the items that moved
        besides ref itself."""
        with self._db.write() as session:
            nodes = _nodes(session)
            node = _node(nodes, ref)
            if placement.anchor is not None:
                check_anchor(nodes, ref, placement.anchor)
                offset = parse_offset(placement.offset or "the same time").text
                time = resolve_one(nodes[placement.anchor].story_time, offset)
                node = Node(ref, node.title, time, placement.anchor, offset)
            else:
                time = _parse(placement.story_time)
                node = Node(ref, node.title, time, None, None)
            _write_anchor(session, ref, node.anchor, node.offset)
            nodes[ref] = node
            order = dependants_of(nodes, [ref])
            changed = resolve(nodes, order)
            _write_times(session, {ref: time, **changed})
            return [r for r in order if r in changed]

    def move(self, ref: ItemRef, best_guess: datetime) -> Placement:
        """Drag ref along the axis so that its best guess lands near best_guess.

        A fixed time keeps its precision and lands on a whole minute, day, month…; an anchored
        item keeps its anchor and gets a new offset in the same unit ("5 years before" dragged
        a year earlier becomes "6 years before"). Returns the placement before the move, for
        undo.
        """
        before = self.placement(ref)
        with self._db.read() as session:
            nodes = _nodes(session)
        node = _node(nodes, ref)
        if node.anchor is not None and node.anchor in nodes:
            anchor_time = nodes[node.anchor].story_time
            if anchor_time is not None:
                like = _offset_or_none(node.offset)
                phrase = describe_offset(anchor_time.best_guess, best_guess, like)
                self.set_placement(ref, Placement(None, node.anchor, phrase))
                return before
        if node.story_time is None:
            raise StoryTimeError(
                f"'{node.title}' has no story time to move; give it one in its header first."
            )
        moved = story_time_near(best_guess, node.story_time.precision)
        self.set_placement(ref, Placement(moved.text))
        return before

    def resolve_all(self) -> int:
        """Re-resolve every anchored item (after an import, or times set elsewhere); returns how
        many moved. With nothing anchored that is one query of four index look-ups; otherwise
        only the anchored items and what they hang on are read."""
        with self._db.engine.connect() as connection:
            if not rows(connection, _ANY_ANCHORED)[0][0]:
                return 0
        with self._db.write() as session:
            nodes = _anchored_nodes(session)
            changed = resolve(nodes, resolution_order(nodes))
            _write_times(session, changed)
            return len(changed)

    # -- the thread grid -------------------------------------------------------------------------
    def grid(self, kinds: frozenset[str] | None = None) -> ThreadGrid:
        """Threads by scenes in book order; kinds keeps only threads of those kinds."""
        with self._db.engine.connect() as connection:
            snapshot = load_snapshot(
                connection, events=False, names=False, characters=False, times=False
            )
        return build_grid(snapshot, kinds)

    def set_cell(self, scene_id: int, thread_id: int, advances: bool) -> None:
        """Whether scene advances thread (turning it off forgets the cell's note)."""
        with self._db.write() as session:
            set_cell(session, scene_id, thread_id, advances)

    def set_cell_note(self, scene_id: int, thread_id: int, note: str) -> None:
        """The one-line note on a cell; a note on an empty cell marks it as advancing."""
        with self._db.write() as session:
            set_cell_note(session, scene_id, thread_id, note)


def _text(value: StoryTime | str | None) -> str | None:
    if value is None:
        return None
    return value.text if isinstance(value, StoryTime) else (value.strip() or None)


def _parse(text: str | None) -> StoryTime | None:
    columns = convert.story_columns(text)
    return convert.story_time_or_none(*columns)


def _offset_or_none(text: str | None) -> RelativeOffset | None:
    try:
        return parse_offset(text or "")
    except StoryTimeError:
        return None
