"""Reading what a window saved, the way another process would: through a fresh service."""

from __future__ import annotations

from pathlib import Path

from studio.core.domain import Binder
from studio.services.project import open_project


def stored_body(path: Path, scene_id: int) -> str:
    """The body in the database now (read-only: the window keeps the project's lock)."""
    with open_project(path, read_only=True) as project:
        return project.manuscript.scene(scene_id).body


def stored_binder(path: Path) -> Binder:
    with open_project(path, read_only=True) as project:
        return project.manuscript.binder()


def scene_titles(binder: Binder) -> list[list[str]]:
    return [[s.title for s in c.scenes] for c in binder.chapters()]
