"""The initial schema: project, manuscript, bible, threads, timeline events and their links.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "character",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(), nullable=False),
        sa.Column("given_name", sa.String(), nullable=False),
        sa.Column("patronymic", sa.String(), nullable=False),
        sa.Column("family_name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("allegiance", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("backstory", sa.Text(), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("portrait", sa.String(), nullable=False),
        sa.Column("colour", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "location",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "part",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("synopsis", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "plot_thread",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("colour", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("settings_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "timeline_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("story_text", sa.String(), nullable=True),
        sa.Column("story_start", sa.DateTime(), nullable=True),
        sa.Column("story_end", sa.DateTime(), nullable=True),
        sa.Column("story_precision", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("character_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("used_where", sa.String(), nullable=False),
        sa.Column("used_with", sa.String(), nullable=False),
        sa.Column("from_text", sa.String(), nullable=True),
        sa.Column("from_start", sa.DateTime(), nullable=True),
        sa.Column("from_end", sa.DateTime(), nullable=True),
        sa.Column("from_precision", sa.String(), nullable=True),
        sa.Column("until_text", sa.String(), nullable=True),
        sa.Column("until_start", sa.DateTime(), nullable=True),
        sa.Column("until_end", sa.DateTime(), nullable=True),
        sa.Column("until_precision", sa.String(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["character_id"], ["character.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alias_character_id"), ["character_id"], unique=False)

    op.create_table(
        "chapter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("part_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("synopsis", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["part_id"], ["part.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("chapter", schema=None) as batch_op:
        batch_op.create_index("ix_chapter_part_position", ["part_id", "position"], unique=False)

    op.create_table(
        "event_character",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("character_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["character_id"], ["character.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event_id"], ["timeline_event.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "character_id"),
    )
    with op.batch_alter_table("event_character", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_character_character_id"), ["character_id"], unique=False
        )

    op.create_table(
        "event_location",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["timeline_event.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["location_id"], ["location.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "location_id"),
    )
    with op.batch_alter_table("event_location", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_location_location_id"), ["location_id"], unique=False
        )

    op.create_table(
        "scene",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chapter_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("synopsis", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("pov_id", sa.Integer(), nullable=True),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("story_text", sa.String(), nullable=True),
        sa.Column("story_start", sa.DateTime(), nullable=True),
        sa.Column("story_end", sa.DateTime(), nullable=True),
        sa.Column("story_precision", sa.String(), nullable=True),
        sa.Column("word_target", sa.Integer(), nullable=True),
        sa.Column("labels_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["chapter_id"], ["chapter.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["location_id"], ["location.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["pov_id"], ["character.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("scene", schema=None) as batch_op:
        batch_op.create_index("ix_scene_chapter_position", ["chapter_id", "position"], unique=False)

    op.create_table(
        "event_scene",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("scene_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["timeline_event.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["scene_id"], ["scene.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "scene_id"),
    )
    with op.batch_alter_table("event_scene", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_scene_scene_id"), ["scene_id"], unique=False)

    op.create_table(
        "scene_character",
        sa.Column("scene_id", sa.Integer(), nullable=False),
        sa.Column("character_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["character_id"], ["character.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["scene_id"], ["scene.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("scene_id", "character_id"),
    )
    with op.batch_alter_table("scene_character", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_scene_character_character_id"), ["character_id"], unique=False
        )

    op.create_table(
        "scene_thread",
        sa.Column("scene_id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["scene_id"], ["scene.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["thread_id"], ["plot_thread.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("scene_id", "thread_id"),
    )
    with op.batch_alter_table("scene_thread", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scene_thread_thread_id"), ["thread_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("scene_thread", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scene_thread_thread_id"))

    op.drop_table("scene_thread")
    with op.batch_alter_table("scene_character", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scene_character_character_id"))

    op.drop_table("scene_character")
    with op.batch_alter_table("event_scene", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_scene_scene_id"))

    op.drop_table("event_scene")
    with op.batch_alter_table("scene", schema=None) as batch_op:
        batch_op.drop_index("ix_scene_chapter_position")

    op.drop_table("scene")
    with op.batch_alter_table("event_location", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_location_location_id"))

    op.drop_table("event_location")
    with op.batch_alter_table("event_character", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_character_character_id"))

    op.drop_table("event_character")
    with op.batch_alter_table("chapter", schema=None) as batch_op:
        batch_op.drop_index("ix_chapter_part_position")

    op.drop_table("chapter")
    with op.batch_alter_table("alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alias_character_id"))

    op.drop_table("alias")
    op.drop_table("timeline_event")
    op.drop_table("project")
    op.drop_table("plot_thread")
    op.drop_table("part")
    op.drop_table("location")
    op.drop_table("character")
