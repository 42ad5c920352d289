"""Fixtures for the window's tests: a small real project on disk, settings in tmp_path."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studio.core.domain import AliasKind, ThreadKind
from studio.importers.bundle import import_bundle
from studio.services.project import create_project
from studio.ui.main_window import MainWindow
from studio.ui.resources import sample_bundle_dir
from studio.ui.settings import Settings, SettingsStore

OPENING = (
    "The basil pots came out on the Wednesday, as they did every June, and by evening every "
    "windowsill in Alfama wore one like a small green crown.\n\n"
    "“Another one, Anna?” Inês was already reaching for the cup.\n\n"
    "“Please.” Nearly four years, and the name still arrived *half a second late*, like an echo "
    "down a stairwell. Anna Kessler had **never** been cold in her life."
)


@pytest.fixture(scope="session")
def template_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once (every service call is a durable commit, so building is slow), then copied."""
    return build_project(tmp_path_factory.mktemp("template") / "lisbon.safehouse")


@pytest.fixture
def project_path(tmp_path: Path, template_project: Path) -> Path:
    """A closed project: 2 chapters, 4 scenes, 3 characters with aliases, 2 locations, 2 threads."""
    path = tmp_path / "lisbon.safehouse"
    shutil.copyfile(template_project, path)
    return path


def build_project(path: Path) -> Path:
    project = create_project(path, title="The Lisbon Drop", author="M. Vale")
    m, b = project.manuscript, project.bible
    katya = b.add_character(
        "Katya",
        given_name="Yekaterina",
        patronymic="Ivanovna",
        family_name="Orlova",
        role="protagonist",
        allegiance="formerly SVR",
        colour="#9b3d2e",
        description="A translator with a past.",
        goal="To stay Anna Kessler.",
    )
    daniel = b.add_character("Daniel", family_name="Crane", role="love interest", colour="#4f86c6")
    deacon = b.add_character("The Deacon", role="handler", colour="#4a9d6b")
    b.add_alias(katya.id, "Anna Kessler", AliasKind.COVER_IDENTITY, used_where="Lisbon")
    b.add_alias(katya.id, "SPARROW", AliasKind.CODENAME)
    b.add_alias(daniel.id, "Mr Wine", AliasKind.NICKNAME)
    b.add_alias(deacon.id, "Father Tomas", AliasKind.COVER_IDENTITY)
    alfama = b.add_location("Alfama café")
    b.add_location("The house facing the sea")
    operation = b.add_thread("Operation Basil", ThreadKind.ESPIONAGE, colour="#4a9d6b")
    b.add_thread("Katya and Daniel", ThreadKind.ROMANCE, colour="#c2557a")
    one = m.add_chapter("The Wine Buyer")
    two = m.add_chapter("Saint Anthony's Night")
    s1 = m.add_scene(one.id, "Basil pots", body=OPENING)
    s2 = m.add_scene(one.id, "Line twenty-eight", body="The tram climbed, complaining.")
    m.add_scene(two.id, "Sardines", body="Smoke over the square.")
    m.add_scene(two.id, "The wheel", body="")
    m.update_scene(s1.id, pov_id=katya.id, location_id=alfama.id, story_time="14 June 2019 18:30")
    m.update_scene(s1.id, synopsis="Katya meets the wine buyer.")
    m.set_scene_characters(s1.id, [katya.id, daniel.id])
    m.set_scene_threads(s1.id, [operation.id])
    m.set_scene_characters(s2.id, [deacon.id])
    project.close()
    assert not path.with_name(path.name + "-wal").exists()  # one file holds everything
    return path


@pytest.fixture
def settings_store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(tmp_path / "config" / "settings.json")


@pytest.fixture
def window(qtbot: QtBot, settings_store: SettingsStore) -> Iterator[MainWindow]:
    """The window with no project, settings in tmp_path; closed (and so saved) afterwards."""
    win = MainWindow(Settings(), settings_store)
    qtbot.addWidget(win)
    win.resize(1280, 820)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.project is not None:
        win.close()
    discard(win)


def discard(widget: QWidget) -> None:
    """Delete a closed window now: a live one would slow every later style-sheet change."""
    widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture
def opened(window: MainWindow, project_path: Path) -> MainWindow:
    assert window.open_project_path(project_path)
    return window


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    """The sample project (projects/the-lisbon-drop) imported into tmp_path, closed."""
    bundle = sample_bundle_dir()
    assert bundle is not None
    path = tmp_path / "sample.safehouse"
    import_bundle(bundle, path).close()
    return path


@pytest.fixture
def sample(window: MainWindow, sample_path: Path) -> MainWindow:
    """The window with the sample project open."""
    assert window.open_project_path(sample_path)
    return window


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation asked, each answered yes."""
    questions: list[str] = []

    def answer(_parent: object, _title: str, text: str, _action: str) -> bool:
        questions.append(text)
        return True

    monkeypatch.setattr("studio.ui.panels.binder.confirm", answer)
    return questions
