"""Alembic's entry point. Safehouse always hands it an open connection (see storage/schema.py)."""

from __future__ import annotations

from alembic import context

from studio.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them; batch mode does that for us
)
with context.begin_transaction():
    context.run_migrations()
