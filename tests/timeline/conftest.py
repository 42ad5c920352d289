"""Fixtures for the timeline tests: a real project file in tmp_path, closed afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.services.project import Project, create_project
from studio.services.timeline_data import ItemRef


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with create_project(tmp_path / "book.safehouse", title="The Test Drop") as opened:
        yield opened


def scene_ref(scene_id: int) -> ItemRef:
    return ItemRef("scene", scene_id)


def event_ref(event_id: int) -> ItemRef:
    return ItemRef("event", event_id)
