"""The sample project: the expected story order, its one flashback, and no warnings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.importers.bundle import import_bundle
from studio.services.continuity import check_continuity
from studio.services.project import Project
from studio.services.story_order import StoryMark

SAMPLE = Path(__file__).resolve().parents[2] / "projects" / "the-lisbon-drop"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    target = tmp_path_factory.mktemp("sample") / "the-lisbon-drop.safehouse"
    with import_bundle(SAMPLE, target) as project:
        yield project


def test_story_order_puts_the_flashback_first(sample: Project) -> None:
    scenes = [i.title for i in sample.timeline.story_order() if i.ref.kind == "scene"]
    assert scenes[0] == "The Wheel"
    book = [e.title for e in sample.timeline.book_order()]
    assert scenes[1:] == [t for t in book if t != "The Wheel"]


def test_the_wheel_is_the_only_flashback(sample: Project) -> None:
    marks = {e.title: e.mark for e in sample.timeline.book_order()}
    assert marks.pop("The Wheel") is StoryMark.FLASHBACK
    assert set(marks.values()) == {StoryMark.IN_ORDER}


def test_the_sample_has_no_continuity_warnings(sample: Project) -> None:
    assert [w.message for w in check_continuity(sample)] == []
