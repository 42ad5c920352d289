"""Relative story time on scenes and events, and dismissed continuity warnings.

A scene or timeline event may hang on another scene or event (anchor_scene_id or
anchor_event_id) at an offset the writer typed (anchor_offset, "5 years before"); its story_*
columns then hold the resolved time, so story order stays one ORDER BY.

SQLite cannot add a foreign key to a table in place, so batch mode copies scene and
timeline_event. Migrations run inside a transaction with foreign keys on, where dropping the old
copy of a table deletes its rows first and that cascades: scene_character, scene_thread and the
event_* link tables would be emptied. Their rows are therefore kept in temporary tables while
the two tables are rebuilt and put back afterwards, all in the same transaction.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op
from alembic.operations import BatchOperations

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_ANCHORED = (("timeline_event", "event"), ("scene", "scene"))
_LINK_TABLES = (
    "scene_character",
    "scene_thread",
    "event_scene",
    "event_character",
    "event_location",
)


def _rebuild_keeping_links(alter: Callable[[BatchOperations, str, str], None]) -> None:
    for link in _LINK_TABLES:
        op.execute(f"CREATE TEMP TABLE _keep_{link} AS SELECT * FROM {link}")
    for table, short in _ANCHORED:
        with op.batch_alter_table(table, schema=None, recreate="always") as batch_op:
            alter(batch_op, table, short)
    for link in _LINK_TABLES:
        op.execute(f"DELETE FROM {link}")
        op.execute(f"INSERT INTO {link} SELECT * FROM _keep_{link}")
        op.execute(f"DROP TABLE _keep_{link}")


def _add_anchor_columns(batch_op: BatchOperations, table: str, short: str) -> None:
    for column, parent in (("anchor_scene_id", "scene"), ("anchor_event_id", "timeline_event")):
        batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            f"fk_{short}_{column}", parent, [column], ["id"], ondelete="SET NULL"
        )
        batch_op.create_index(f"ix_{table}_{column}", [column], unique=False)
    batch_op.add_column(sa.Column("anchor_offset", sa.String(), nullable=True))


def _drop_anchor_columns(batch_op: BatchOperations, table: str, short: str) -> None:
    for column in ("anchor_scene_id", "anchor_event_id"):
        batch_op.drop_index(f"ix_{table}_{column}")
        batch_op.drop_constraint(f"fk_{short}_{column}", type_="foreignkey")
        batch_op.drop_column(column)
    batch_op.drop_column("anchor_offset")


def upgrade() -> None:
    _rebuild_keeping_links(_add_anchor_columns)
    op.create_table(
        "dismissed_warning",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("dismissed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("dismissed_warning")
    _rebuild_keeping_links(_drop_anchor_columns)
