"""The project database's tables as SQLAlchemy 2.0 typed models.

The schema is created and changed only by the migrations in storage/migrations; a test proves
that these models and the migrated schema agree. Story times are stored as four columns (the
writer's text, the span's start and end, and its precision) so that exact and approximate
times sort together with one ORDER BY.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ProjectRow(Base):
    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String, default="")
    author: Mapped[str] = mapped_column(String, default="")
    language: Mapped[str] = mapped_column(String, default="en_US")
    settings_json: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class PartRow(Base):
    __tablename__ = "part"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String, default="")
    position: Mapped[int] = mapped_column(Integer)
    synopsis: Mapped[str] = mapped_column(Text, default="")


class ChapterRow(Base):
    __tablename__ = "chapter"
    __table_args__ = (Index("ix_chapter_part_position", "part_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    part_id: Mapped[int | None] = mapped_column(ForeignKey("part.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String, default="")
    position: Mapped[int] = mapped_column(Integer)
    synopsis: Mapped[str] = mapped_column(Text, default="")


class SceneRow(Base):
    __tablename__ = "scene"
    __table_args__ = (Index("ix_scene_chapter_position", "chapter_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chapter_id: Mapped[int] = mapped_column(ForeignKey("chapter.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String, default="")
    position: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text, default="")
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    synopsis: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String, default="draft")
    pov_id: Mapped[int | None] = mapped_column(ForeignKey("character.id", ondelete="SET NULL"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id", ondelete="SET NULL"))
    story_text: Mapped[str | None] = mapped_column(String)
    story_start: Mapped[datetime | None] = mapped_column(DateTime)
    story_end: Mapped[datetime | None] = mapped_column(DateTime)
    story_precision: Mapped[str | None] = mapped_column(String)
    word_target: Mapped[int | None] = mapped_column(Integer)
    labels_json: Mapped[str] = mapped_column(Text, default="[]")
    # Relative story time (migration 0003): the story_* columns then hold the resolved time.
    anchor_scene_id: Mapped[int | None] = mapped_column(
        ForeignKey("scene.id", ondelete="SET NULL", name="fk_scene_anchor_scene_id"), index=True
    )
    anchor_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("timeline_event.id", ondelete="SET NULL", name="fk_scene_anchor_event_id"),
        index=True,
    )
    anchor_offset: Mapped[str | None] = mapped_column(String)


class CharacterRow(Base):
    __tablename__ = "character"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    display_name: Mapped[str] = mapped_column(String)
    given_name: Mapped[str] = mapped_column(String, default="")
    patronymic: Mapped[str] = mapped_column(String, default="")
    family_name: Mapped[str] = mapped_column(String, default="")
    role: Mapped[str] = mapped_column(String, default="")
    allegiance: Mapped[str] = mapped_column(String, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    backstory: Mapped[str] = mapped_column(Text, default="")
    goal: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    portrait: Mapped[str] = mapped_column(String, default="")
    colour: Mapped[str] = mapped_column(String, default="")


class AliasRow(Base):
    __tablename__ = "alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    character_id: Mapped[int] = mapped_column(
        ForeignKey("character.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String, default="cover identity")
    used_where: Mapped[str] = mapped_column(String, default="")
    used_with: Mapped[str] = mapped_column(String, default="")
    from_text: Mapped[str | None] = mapped_column(String)
    from_start: Mapped[datetime | None] = mapped_column(DateTime)
    from_end: Mapped[datetime | None] = mapped_column(DateTime)
    from_precision: Mapped[str | None] = mapped_column(String)
    until_text: Mapped[str | None] = mapped_column(String)
    until_start: Mapped[datetime | None] = mapped_column(DateTime)
    until_end: Mapped[datetime | None] = mapped_column(DateTime)
    until_precision: Mapped[str | None] = mapped_column(String)
    notes: Mapped[str] = mapped_column(Text, default="")


class LocationRow(Base):
    __tablename__ = "location"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String)
    description: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class ThreadRow(Base):
    __tablename__ = "plot_thread"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String, default="subplot")
    colour: Mapped[str] = mapped_column(String, default="")
    status: Mapped[str] = mapped_column(String, default="open")
    description: Mapped[str] = mapped_column(Text, default="")


class EventRow(Base):
    __tablename__ = "timeline_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String, default="event")
    description: Mapped[str] = mapped_column(Text, default="")
    story_text: Mapped[str | None] = mapped_column(String)
    story_start: Mapped[datetime | None] = mapped_column(DateTime)
    story_end: Mapped[datetime | None] = mapped_column(DateTime)
    story_precision: Mapped[str | None] = mapped_column(String)
    # Relative story time (migration 0003), as on SceneRow.
    anchor_scene_id: Mapped[int | None] = mapped_column(
        # use_alter breaks the scene <-> timeline_event cycle for SQLAlchemy's table sorting.
        ForeignKey(
            "scene.id", ondelete="SET NULL", name="fk_event_anchor_scene_id", use_alter=True
        ),
        index=True,
    )
    anchor_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("timeline_event.id", ondelete="SET NULL", name="fk_event_anchor_event_id"),
        index=True,
    )
    anchor_offset: Mapped[str | None] = mapped_column(String)


class SceneCharacterRow(Base):
    """A character present in a scene."""

    __tablename__ = "scene_character"

    scene_id: Mapped[int] = mapped_column(
        ForeignKey("scene.id", ondelete="CASCADE"), primary_key=True
    )
    character_id: Mapped[int] = mapped_column(
        ForeignKey("character.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class SceneThreadRow(Base):
    """A plot thread a scene advances, with the writer's one-line note on how."""

    __tablename__ = "scene_thread"

    scene_id: Mapped[int] = mapped_column(
        ForeignKey("scene.id", ondelete="CASCADE"), primary_key=True
    )
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("plot_thread.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    note: Mapped[str] = mapped_column(String, default="")


class EventSceneRow(Base):
    __tablename__ = "event_scene"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("timeline_event.id", ondelete="CASCADE"), primary_key=True
    )
    scene_id: Mapped[int] = mapped_column(
        ForeignKey("scene.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class EventCharacterRow(Base):
    __tablename__ = "event_character"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("timeline_event.id", ondelete="CASCADE"), primary_key=True
    )
    character_id: Mapped[int] = mapped_column(
        ForeignKey("character.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class EventLocationRow(Base):
    __tablename__ = "event_location"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("timeline_event.id", ondelete="CASCADE"), primary_key=True
    )
    location_id: Mapped[int] = mapped_column(
        ForeignKey("location.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ProjectWordRow(Base):
    """A word the writer added to this project's dictionary (migration 0002)."""

    __tablename__ = "project_word"

    word: Mapped[str] = mapped_column(String, primary_key=True)
    added_at: Mapped[datetime] = mapped_column(DateTime)


class DismissedWarningRow(Base):
    """A continuity warning the writer dismissed for this project (migration 0003)."""

    __tablename__ = "dismissed_warning"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    dismissed_at: Mapped[datetime] = mapped_column(DateTime)
