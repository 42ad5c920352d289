"""The character bible: characters and their aliases, locations and plot threads."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.core.domain import (
    Alias,
    AliasKind,
    Character,
    Location,
    PlotThread,
    SceneInfo,
    ThreadKind,
    ThreadStatus,
)
from studio.core.errors import ValidationError
from studio.core.story_time import StoryTime
from studio.services import convert
from studio.services.manuscript_sql import scenes_with_character
from studio.services.removal import Removed, Restored, capture, restore_in
from studio.services.rows import get_row, renumber
from studio.storage.database import ProjectDatabase
from studio.storage.models import (
    AliasRow,
    CharacterRow,
    LocationRow,
    ThreadRow,
)

CHARACTER_FIELDS = frozenset(
    {
        "display_name",
        "given_name",
        "patronymic",
        "family_name",
        "role",
        "allegiance",
        "description",
        "backstory",
        "goal",
        "notes",
        "portrait",
        "colour",
    }
)
ALIAS_TEXT_FIELDS = frozenset({"name", "used_where", "used_with", "notes"})
LOCATION_FIELDS = frozenset({"name", "description", "notes"})


def _check_fields(changes: dict[str, str], allowed: frozenset[str], what: str) -> None:
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"A {what} has no field {', '.join(sorted(unknown))}.")
    for name in ("display_name", "name"):
        if name in changes and not changes[name].strip():
            raise ValidationError(f"A {what}'s name cannot be empty.")


class BibleService:
    def __init__(self, database: ProjectDatabase) -> None:
        self._db = database

    # -- characters ------------------------------------------------------------------------------
    def characters(self) -> list[Character]:
        with self._db.read() as session:
            rows = session.scalars(select(CharacterRow).order_by(CharacterRow.position)).all()
            aliases: dict[int, list[AliasRow]] = {}
            for alias in session.scalars(select(AliasRow)):
                aliases.setdefault(alias.character_id, []).append(alias)
            return [convert.character(r, aliases.get(r.id, [])) for r in rows]

    def character(self, character_id: int) -> Character:
        with self._db.read() as session:
            return self._character(session, character_id)

    def add_character(self, display_name: str, **fields: str) -> Character:
        _check_fields({"display_name": display_name, **fields}, CHARACTER_FIELDS, "character")
        with self._db.write() as session:
            count = len(session.scalars(select(CharacterRow.id)).all())
            row = CharacterRow(display_name=display_name.strip(), position=count)
            for name, value in fields.items():
                setattr(row, name, value)
            session.add(row)
            session.flush()
            return self._character(session, row.id)

    def update_character(self, character_id: int, **changes: str) -> Character:
        _check_fields(changes, CHARACTER_FIELDS, "character")
        with self._db.write() as session:
            row = get_row(session, CharacterRow, character_id, "character")
            for name, value in changes.items():
                setattr(row, name, value.strip() if name == "display_name" else value)
            session.flush()
            return self._character(session, character_id)

    def delete_character(self, character_id: int) -> Removed:
        """Delete a character; scenes they were the POV of keep their text and lose the POV.
        What was removed (aliases and links too) is returned for restore()."""
        with self._db.write() as session:
            removed = capture(session.connection(), "character", character_id)
            session.delete(get_row(session, CharacterRow, character_id, "character"))
            session.flush()
            renumber(session.scalars(select(CharacterRow)).all())
        return removed

    def restore(self, removed: Removed) -> Restored:
        """Put back a deleted character, location or plot thread with its ids, order and links."""
        return restore_in(self._db, removed)

    def scenes_with(self, character_id: int) -> list[SceneInfo]:
        """The scenes a character is present in or narrates, in book order."""
        with self._db.read() as session:
            get_row(session, CharacterRow, character_id, "character")
            return scenes_with_character(session.connection(), character_id)

    # -- aliases ---------------------------------------------------------------------------------
    def add_alias(
        self,
        character_id: int,
        name: str,
        kind: AliasKind | str = AliasKind.COVER_IDENTITY,
        *,
        valid_from: StoryTime | str | None = None,
        valid_until: StoryTime | str | None = None,
        **fields: str,
    ) -> Alias:
        _check_fields({"name": name, **fields}, ALIAS_TEXT_FIELDS, "alias")
        with self._db.write() as session:
            get_row(session, CharacterRow, character_id, "character")
            count = len(
                session.scalars(
                    select(AliasRow.id).where(AliasRow.character_id == character_id)
                ).all()
            )
            row = AliasRow(
                character_id=character_id, name=name.strip(), kind=_alias_kind(kind).value
            )
            row.position = count
            for field, value in fields.items():
                setattr(row, field, value)
            _set_alias_times(row, valid_from, valid_until)
            session.add(row)
            session.flush()
            return convert.alias(row)

    def update_alias(
        self,
        alias_id: int,
        *,
        kind: AliasKind | str | None = None,
        valid_from: StoryTime | str | None = None,
        valid_until: StoryTime | str | None = None,
        clear_times: bool = False,
        **fields: str,
    ) -> Alias:
        """Change an alias; story times given replace the old ones (clear_times empties both)."""
        _check_fields(fields, ALIAS_TEXT_FIELDS, "alias")
        with self._db.write() as session:
            row = get_row(session, AliasRow, alias_id, "alias")
            for field, value in fields.items():
                setattr(row, field, value.strip() if field == "name" else value)
            if kind is not None:
                row.kind = _alias_kind(kind).value
            if clear_times:
                _set_alias_times(row, None, None)
            if valid_from is not None or valid_until is not None:
                current = convert.alias(row)
                _set_alias_times(
                    row,
                    valid_from if valid_from is not None else current.valid_from,
                    valid_until if valid_until is not None else current.valid_until,
                )
            session.flush()
            return convert.alias(row)

    def delete_alias(self, alias_id: int) -> None:
        with self._db.write() as session:
            row = get_row(session, AliasRow, alias_id, "alias")
            character_id = row.character_id
            session.delete(row)
            session.flush()
            renumber(
                session.scalars(select(AliasRow).where(AliasRow.character_id == character_id)).all()
            )

    # -- locations -------------------------------------------------------------------------------
    def locations(self) -> list[Location]:
        with self._db.read() as session:
            rows = session.scalars(select(LocationRow).order_by(LocationRow.position))
            return [convert.location(r) for r in rows]

    def add_location(self, name: str, **fields: str) -> Location:
        _check_fields({"name": name, **fields}, LOCATION_FIELDS, "location")
        with self._db.write() as session:
            count = len(session.scalars(select(LocationRow.id)).all())
            row = LocationRow(name=name.strip(), position=count, **fields)
            session.add(row)
            session.flush()
            return convert.location(row)

    def update_location(self, location_id: int, **changes: str) -> Location:
        _check_fields(changes, LOCATION_FIELDS, "location")
        with self._db.write() as session:
            row = get_row(session, LocationRow, location_id, "location")
            for name, value in changes.items():
                setattr(row, name, value)
            return convert.location(row)

    def delete_location(self, location_id: int) -> Removed:
        with self._db.write() as session:
            removed = capture(session.connection(), "location", location_id)
            session.delete(get_row(session, LocationRow, location_id, "location"))
            session.flush()
            renumber(session.scalars(select(LocationRow)).all())
        return removed

    # -- plot threads ----------------------------------------------------------------------------
    def threads(self) -> list[PlotThread]:
        with self._db.read() as session:
            rows = session.scalars(select(ThreadRow).order_by(ThreadRow.position))
            return [convert.thread(r) for r in rows]

    def add_thread(
        self,
        name: str,
        kind: ThreadKind | str = ThreadKind.SUBPLOT,
        *,
        colour: str = "",
        status: ThreadStatus | str = ThreadStatus.OPEN,
        description: str = "",
    ) -> PlotThread:
        if not name.strip():
            raise ValidationError("A plot thread's name cannot be empty.")
        with self._db.write() as session:
            count = len(session.scalars(select(ThreadRow.id)).all())
            row = ThreadRow(
                name=name.strip(),
                kind=_thread_kind(kind).value,
                colour=colour,
                status=_thread_status(status).value,
                description=description,
                position=count,
            )
            session.add(row)
            session.flush()
            return convert.thread(row)

    def update_thread(
        self,
        thread_id: int,
        *,
        name: str | None = None,
        kind: ThreadKind | str | None = None,
        colour: str | None = None,
        status: ThreadStatus | str | None = None,
        description: str | None = None,
    ) -> PlotThread:
        with self._db.write() as session:
            row = get_row(session, ThreadRow, thread_id, "plot thread")
            if name is not None:
                if not name.strip():
                    raise ValidationError("A plot thread's name cannot be empty.")
                row.name = name.strip()
            if kind is not None:
                row.kind = _thread_kind(kind).value
            if colour is not None:
                row.colour = colour
            if status is not None:
                row.status = _thread_status(status).value
            if description is not None:
                row.description = description
            return convert.thread(row)

    def delete_thread(self, thread_id: int) -> Removed:
        with self._db.write() as session:
            removed = capture(session.connection(), "thread", thread_id)
            session.delete(get_row(session, ThreadRow, thread_id, "plot thread"))
            session.flush()
            renumber(session.scalars(select(ThreadRow)).all())
        return removed

    @staticmethod
    def _character(session: Session, character_id: int) -> Character:
        row = get_row(session, CharacterRow, character_id, "character")
        aliases = session.scalars(select(AliasRow).where(AliasRow.character_id == row.id)).all()
        return convert.character(row, list(aliases))


# What the writer calls each kind of alias in a sentence ("The cover 'Anna Kessler' ends ...").
_ALIAS_NOUNS: dict[str, str] = {
    AliasKind.COVER_IDENTITY.value: "cover",
    AliasKind.CODENAME.value: "codename",
    AliasKind.NICKNAME.value: "nickname",
    AliasKind.MAIDEN_NAME.value: "maiden name",
}


def _set_alias_times(
    row: AliasRow, valid_from: StoryTime | str | None, valid_until: StoryTime | str | None
) -> None:
    """Store the alias's period; one that ends wholly before it begins is refused. Fuzzy times
    that overlap ("summer 2019" until "July 2019") may be either way round, so they pass."""
    starts = convert.story_columns(valid_from)
    ends = convert.story_columns(valid_until)
    begins, finishes = starts[1], ends[2]
    if begins is not None and finishes is not None and finishes < begins:
        noun = _ALIAS_NOUNS.get(row.kind, "alias")
        raise ValidationError(
            f"The {noun} '{row.name}' ends ({ends[0]}) before it begins ({starts[0]}). "
            "Change the date it begins or the date it ends."
        )
    row.from_text, row.from_start, row.from_end, row.from_precision = starts
    row.until_text, row.until_start, row.until_end, row.until_precision = ends


def _choice(enum_type: type[AliasKind] | type[ThreadKind] | type[ThreadStatus], value: str) -> str:
    try:
        return enum_type(value).value
    except ValueError:
        choices = ", ".join(m.value for m in enum_type)
        raise ValidationError(f"{value!r} is not one of {choices}.") from None


def _alias_kind(value: AliasKind | str) -> AliasKind:
    return AliasKind(_choice(AliasKind, value))


def _thread_kind(value: ThreadKind | str) -> ThreadKind:
    return ThreadKind(_choice(ThreadKind, value))


def _thread_status(value: ThreadStatus | str) -> ThreadStatus:
    return ThreadStatus(_choice(ThreadStatus, value))
