"""Deleting that can be taken back: what a delete removes is kept, and restore() puts it back.

A delete in the binder removes more than its row: the database's foreign keys cascade (a chapter
takes its scenes, a scene its characters present, threads and event links, a character its
aliases) or clear a link (a scene loses its POV, another scene or event its anchor). capture()
follows the same foreign keys, read from the models, so whatever a delete would remove or clear
is recorded as the stored values (raw, so a restore writes back the very same text), with the
order of the item's siblings. restore() inserts it all again with the same ids, links and order.

The database may have changed between the delete and the restore. Links to things deleted since
are left out (a POV becomes none, a character present is dropped), as the delete of those things
would have done; ids taken since by new items are given new ones; a chapter whose part is gone
goes among the chapters outside any part; a scene whose chapter is gone cannot come back, and
says so. Everything is inserted in one transaction whose foreign keys are checked at its commit,
so a restore that cannot be made whole changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Connection, Table
from sqlalchemy.exc import IntegrityError

from studio.core.errors import NotFoundError, SafehouseError
from studio.storage.database import ProjectDatabase
from studio.storage.models import Base

# The kinds the binder deletes: their table, the column naming their container (None: the
# siblings are the whole table), and the column holding the name shown to the writer.
KINDS: Final = {
    "part": ("part", "part", None, "title"),
    "chapter": ("chapter", "chapter", "part_id", "title"),
    "scene": ("scene", "scene", "chapter_id", "title"),
    "character": ("character", "character", None, "display_name"),
    "location": ("location", "location", None, "name"),
    "thread": ("plot_thread", "plot thread", None, "name"),
}
_CHUNK: Final = 500  # ids per IN (...) list, well under SQLite's variable limit

Row = tuple[Any, ...]


class RestoreError(SafehouseError):
    """A deleted item cannot be put back as it was."""


@dataclass(frozen=True)
class Cleared:
    """A link a delete set to NULL on a row it kept: table.column was value on the row whose
    primary key is key."""

    table: str
    column: str
    key: Row
    value: Any


@dataclass(frozen=True)
class Removed:
    """Everything one delete took out of the project, enough to put it back as it was."""

    kind: str  # part, chapter, scene, character, location or thread
    id: int
    title: str
    scene_count: int  # scenes removed with it (the item itself, when it is one)
    word_count: int  # the words of those scenes
    rows: tuple[tuple[str, tuple[Row, ...]], ...]  # table -> its removed rows, columns in order
    cleared: tuple[Cleared, ...]
    siblings: tuple[tuple[int, int], ...]  # (id, position) of the item and its siblings before

    def rows_of(self, table: str) -> tuple[Row, ...]:
        return dict(self.rows).get(table, ())

    @property
    def label(self) -> str:
        """How the writer calls what was deleted: 'chapter “The Letter” (3 scenes)'."""
        what = KINDS[self.kind][1]
        scenes = ""
        if self.kind in ("part", "chapter"):
            scenes = f" ({self.scene_count} scene{'' if self.scene_count == 1 else 's'})"
        return f"{what} “{self.title}”{scenes}"


@dataclass(frozen=True)
class Restored:
    """What restore() put back: the item's kind and id (a new id when its own was taken)."""

    kind: str
    id: int


# -- the schema's links, read from the models ----------------------------------------------------
@dataclass(frozen=True)
class _Link:
    child: Table
    column: str  # in child
    parent: Table
    target: str  # the parent's column it refers to
    on_delete: str  # CASCADE or SET NULL


def _tables() -> dict[str, Table]:
    return dict(Base.metadata.tables)


def _links() -> list[_Link]:
    links = []
    for table in Base.metadata.sorted_tables:
        for key in table.foreign_keys:
            links.append(
                _Link(
                    table,
                    key.parent.name,
                    key.column.table,
                    key.column.name,
                    (key.ondelete or "").upper(),
                )
            )
    return links


def _columns(table: Table) -> list[str]:
    return [c.name for c in table.columns]


def _key_indexes(table: Table) -> list[int]:
    names = _columns(table)
    return [names.index(c.name) for c in table.primary_key.columns]


def _key(table: Table, row: Row) -> Row:
    return tuple(row[i] for i in _key_indexes(table))


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _select_in(
    connection: Connection, table: Table, column: str, values: Iterable[Any], columns: list[str]
) -> list[Row]:
    wanted = sorted({v for v in values if v is not None})
    found: list[Row] = []
    for chunk in _chunks(wanted):
        marks = ", ".join("?" * len(chunk))
        sql = f'SELECT {", ".join(columns)} FROM "{table.name}" WHERE {column} IN ({marks})'
        found.extend(tuple(r) for r in connection.exec_driver_sql(sql, tuple(chunk)))
    return found


# -- capture -------------------------------------------------------------------------------------
def capture(connection: Connection, kind: str, item_id: int) -> Removed:
    """What deleting the kind's item item_id will remove and clear; call it just before."""
    table_name, what, container, name_column = KINDS[kind]
    tables, links = _tables(), _links()
    _begin(connection)  # what is read is what the delete that follows removes
    root_table = tables[table_name]
    root_rows = _select_in(connection, root_table, "id", [item_id], _columns(root_table))
    if not root_rows:
        raise NotFoundError(f"That {what} no longer exists (id {item_id}); refresh and try again.")
    removed: dict[str, dict[Row, Row]] = {
        table_name: {_key(root_table, root_rows[0]): root_rows[0]}
    }
    frontier: dict[str, list[Row]] = {table_name: root_rows}
    while frontier:
        found: dict[str, list[Row]] = {}
        for parent_name, rows in frontier.items():
            parent = tables[parent_name]
            for link in links:
                if link.parent is not parent or link.on_delete != "CASCADE":
                    continue
                index = _columns(parent).index(link.target)
                children = _select_in(
                    connection,
                    link.child,
                    link.column,
                    (r[index] for r in rows),
                    _columns(link.child),
                )
                known = removed.setdefault(link.child.name, {})
                for child in children:
                    key = _key(link.child, child)
                    if key not in known:
                        known[key] = child
                        found.setdefault(link.child.name, []).append(child)
        frontier = found
    cleared = _cleared(connection, removed, links)
    root = root_rows[0]
    columns = _columns(root_table)
    siblings = _siblings(
        connection,
        root_table,
        container,
        None if container is None else root[columns.index(container)],
    )
    scenes = list(removed.get("scene", {}).values())
    words_index = _columns(tables["scene"]).index("word_count")
    ordered = tuple(
        (t.name, tuple(removed[t.name].values()))
        for t in Base.metadata.sorted_tables
        if removed.get(t.name)
    )
    return Removed(
        kind=kind,
        id=item_id,
        title=str(root[columns.index(name_column)]),
        scene_count=len(scenes),
        word_count=sum(s[words_index] or 0 for s in scenes),
        rows=ordered,
        cleared=tuple(cleared),
        siblings=tuple(siblings),
    )


def _cleared(
    connection: Connection, removed: dict[str, dict[Row, Row]], links: list[_Link]
) -> list[Cleared]:
    """The links the delete sets to NULL on rows it keeps."""
    cleared: list[Cleared] = []
    for link in links:
        rows = removed.get(link.parent.name)
        if link.on_delete != "SET NULL" or not rows:
            continue
        index = _columns(link.parent).index(link.target)
        keys = [c.name for c in link.child.primary_key.columns]
        gone = removed.get(link.child.name, {})
        for row in _select_in(
            connection,
            link.child,
            link.column,
            (r[index] for r in rows.values()),
            [*keys, link.column],
        ):
            key = tuple(row[: len(keys)])
            if key not in gone:
                cleared.append(Cleared(link.child.name, link.column, key, row[-1]))
    return cleared


def _siblings(
    connection: Connection, table: Table, container: str | None, container_id: Any
) -> list[tuple[int, int]]:
    sql = f'SELECT id, position FROM "{table.name}"'
    if container is None:
        rows = connection.exec_driver_sql(sql)
    elif container_id is None:
        rows = connection.exec_driver_sql(f"{sql} WHERE {container} IS NULL")
    else:
        rows = connection.exec_driver_sql(f"{sql} WHERE {container} = ?", (container_id,))
    return sorted((int(i), int(p)) for i, p in rows)


# -- restore -------------------------------------------------------------------------------------
def restore(connection: Connection, removed: Removed) -> Restored:
    """Put back what removed records (see the module's notes for what has changed since)."""
    table_name, what, container, _ = KINDS[removed.kind]
    tables, links = _tables(), _links()
    # Checked at the commit: rows come back in table order, and a scene may be anchored to one
    # inserted after it. A restore that would leave a dangling link then fails whole. (SQLite
    # turns the pragma off when a transaction ends, so the transaction is begun first.)
    _begin(connection)
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    rows = {name: [list(r) for r in table_rows] for name, table_rows in removed.rows}
    root_table = tables[table_name]
    columns = _columns(root_table)
    root = next(r for r in rows[table_name] if r[columns.index("id")] == removed.id)
    container_id, moved = None, False
    if container is not None:
        container_id = root[columns.index(container)]
        parent = _parent_of(root_table, container)
        if container_id is not None and not _exists(connection, parent, container_id):
            if removed.kind == "scene":
                raise RestoreError(
                    f"The scene “{removed.title}” cannot come back: its chapter has been deleted "
                    "since. Undo that chapter's delete first."
                )
            container_id = root[columns.index(container)] = None  # outside any part
            moved = True
    mapping = _new_ids(connection, rows)
    _renumber_ids(rows, mapping, links, tables)
    root_id = mapping.get((table_name, removed.id), removed.id)
    _drop_dangling(connection, rows, links, tables)
    if not any(r[columns.index("id")] == root_id for r in rows[table_name]):
        raise RestoreError(f"The {what} “{removed.title}” cannot come back as it was.")
    for table in Base.metadata.sorted_tables:
        table_rows = rows.get(table.name)
        if table_rows:
            names = _columns(table)
            sql = (
                f'INSERT INTO "{table.name}" ({", ".join(names)}) '
                f"VALUES ({', '.join('?' * len(names))})"
            )
            connection.exec_driver_sql(sql, [tuple(r) for r in table_rows])
    for cleared in removed.cleared:
        value = mapping.get(
            (_parent_of(tables[cleared.table], cleared.column).name, cleared.value), cleared.value
        )
        keys = [c.name for c in tables[cleared.table].primary_key.columns]
        where = " AND ".join(f"{k} = ?" for k in keys)
        # Only where the link is still empty: one the writer has set since is theirs.
        connection.exec_driver_sql(
            f'UPDATE "{cleared.table}" SET {cleared.column} = ? '
            f"WHERE {where} AND {cleared.column} IS NULL",
            (value, *cleared.key),
        )
    _reorder(connection, root_table, (container, container_id), root_id, removed, moved)
    return Restored(removed.kind, root_id)


def refused(error: IntegrityError, removed: Removed) -> RestoreError:
    """The error to show when a restore's commit was refused by the foreign keys."""
    return RestoreError(
        f"The {removed.label} could not be brought back: the project has changed too much since "
        f"it was deleted ({error.orig}). Nothing was changed."
    )


def restore_in(database: ProjectDatabase, removed: Removed) -> Restored:
    """restore() in a transaction of its own, committed durably or not at all."""
    try:
        with database.write_connection() as connection:
            return restore(connection, removed)
    except IntegrityError as error:
        raise refused(error, removed) from error


def _begin(connection: Connection) -> None:
    """Start the driver's transaction now: sqlite3 begins one only at the first write."""
    driver = connection.connection.driver_connection
    if driver is not None and not driver.in_transaction:
        connection.exec_driver_sql("BEGIN")


def _parent_of(table: Table, column: str) -> Table:
    for key in table.foreign_keys:
        if key.parent.name == column:
            return key.column.table
    raise KeyError(f"{table.name}.{column} is not a foreign key")


def _exists(connection: Connection, table: Table, row_id: Any) -> bool:
    sql = f'SELECT 1 FROM "{table.name}" WHERE id = ?'
    return connection.exec_driver_sql(sql, (row_id,)).first() is not None


def _new_ids(
    connection: Connection, rows: dict[str, list[list[Any]]]
) -> dict[tuple[str, Any], int]:
    """(table, old id) -> new id for the rows whose id a new item has taken since the delete."""
    mapping: dict[tuple[str, Any], int] = {}
    for name, table_rows in rows.items():
        table = _tables()[name]
        if [c.name for c in table.primary_key.columns] != ["id"]:
            continue
        index = _columns(table).index("id")
        ids = [r[index] for r in table_rows]
        taken = {r[0] for r in _select_in(connection, table, "id", ids, ["id"])}
        if not taken:
            continue
        top = connection.exec_driver_sql(f'SELECT max(id) FROM "{name}"').scalar() or 0
        following = max(top, *ids) + 1
        for old in sorted(taken):
            mapping[(name, old)] = following
            following += 1
    return mapping


def _renumber_ids(
    rows: dict[str, list[list[Any]]],
    mapping: dict[tuple[str, Any], int],
    links: list[_Link],
    tables: dict[str, Table],
) -> None:
    if not mapping:
        return
    for name, table_rows in rows.items():
        table = tables[name]
        names = _columns(table)
        targets = [("id", name)] if "id" in names else []
        targets += [(link.column, link.parent.name) for link in links if link.child is table]
        for column, parent in targets:
            index = names.index(column)
            for row in table_rows:
                row[index] = mapping.get((parent, row[index]), row[index])


def _drop_dangling(
    connection: Connection,
    rows: dict[str, list[list[Any]]],
    links: list[_Link],
    tables: dict[str, Table],
) -> None:
    """Links to rows deleted since: cleared (SET NULL) or the linking row left out (CASCADE),
    as deleting those rows would have done; repeated while a row left out orphans another."""
    changed = True
    while changed:
        changed = False
        for link in links:
            child_rows = rows.get(link.child.name)
            if not child_rows:
                continue
            index = _columns(link.child).index(link.column)
            target = _columns(link.parent).index(link.target)
            coming = {r[target] for r in rows.get(link.parent.name, ())}
            wanted = {r[index] for r in child_rows if r[index] is not None} - coming
            there = {
                r[0]
                for r in _select_in(connection, link.parent, link.target, wanted, [link.target])
            }
            missing = wanted - there
            if not missing:
                continue
            changed = True
            if link.on_delete == "SET NULL":
                for row in child_rows:
                    if row[index] in missing:
                        row[index] = None
            else:
                rows[link.child.name] = [r for r in child_rows if r[index] not in missing]


def _reorder(
    connection: Connection,
    table: Table,
    place: tuple[str | None, Any],
    root_id: int,
    removed: Removed,
    moved: bool,
) -> None:
    """The siblings' order as before the delete when they are the same ones; otherwise the item
    at its old place among them (last, when it has come back somewhere else)."""
    now = _siblings(connection, table, *place)
    before = dict(removed.siblings)
    others = [i for _, i in sorted((p, i) for i, p in now if i != root_id)]
    ranked = [i for i, _ in sorted(removed.siblings, key=lambda s: (s[1], s[0]))]
    if not moved and root_id == removed.id and others == [i for i in ranked if i != root_id]:
        # The same siblings in the same order: their very positions, gaps and all.
        order = [(before[i], i) for i, _ in now]
    else:  # reordered, added or removed since: the writer's order stands, the item follows
        # the sibling it followed (the nearest one still there), or comes last if it moved.
        index = len(others)
        if not moved:
            earlier = ranked[: ranked.index(removed.id)]
            index = next((others.index(i) + 1 for i in reversed(earlier) if i in others), 0)
        others.insert(index, root_id)
        order = list(enumerate(others))
    current = dict(now)
    for position, row_id in order:
        if current[row_id] != position:
            connection.exec_driver_sql(
                f'UPDATE "{table.name}" SET position = ? WHERE id = ?', (position, row_id)
            )
