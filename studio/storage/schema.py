"""The schema's version: checking it cheaply, and upgrading older files through Alembic.

Opening a current project never imports Alembic: the file's revision is read with one query
and compared with HEAD_REVISION (a test keeps that constant equal to the migrations' head).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection

HEAD_REVISION = "0003"
MIGRATIONS = Path(__file__).parent / "migrations"


def _config(connection: Connection) -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> list[str]:
    """Every revision this version of Safehouse knows, oldest first."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    return [s.revision for s in reversed(list(script.walk_revisions()))]


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Bring the schema on connection up to revision (the newest by default)."""
    from alembic import command
    from alembic.config import Config

    config = _config(connection)
    assert isinstance(config, Config)
    command.upgrade(config, revision)
