"""The File menu: bad files get a dialog and the window stays usable; new, open, recent, import."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from studio.services.project import open_project
from studio.ui.dialogs.new_project import NewProjectDialog
from studio.ui.main_window import MainWindow
from studio.ui.resources import REPO_ROOT, sample_bundle_dir
from studio.ui.settings import SettingsStore
from tests.ui.conftest import discard
from tests.ui.helpers import stored_body


def _random_bytes(path: Path) -> Path:
    path.write_bytes(os.urandom(4096))
    return path


def _other_sqlite(path: Path) -> Path:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    return path


def _newer(path: Path, project_path: Path) -> Path:
    path.write_bytes(project_path.read_bytes())
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    return path


def _damaged(path: Path, project_path: Path) -> Path:
    data = bytearray(project_path.read_bytes())
    page = 4096
    for offset in range(page + 8, min(len(data), 6 * page), 7):  # scribble over pages 2-6
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    return path


@pytest.fixture
def held_open(tmp_path: Path, project_path: Path) -> Iterator[Path]:
    """A copy of the project held open (and locked) by someone else."""
    path = tmp_path / "held.safehouse"
    path.write_bytes(project_path.read_bytes())
    with open_project(path):
        yield path


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("random bytes", "not an SQLite database"),
        ("another database", "not a Safehouse project"),
        ("newer version", "newer version of Safehouse"),
        ("damaged", "damaged"),
        ("locked", "already open"),
    ],
)
def test_a_bad_file_gets_a_dialog_and_the_window_stays_usable(
    qtbot: QtBot,
    opened: MainWindow,
    tmp_path: Path,
    project_path: Path,
    held_open: Path,
    kind: str,
    expected: str,
) -> None:
    bad = {
        "random bytes": lambda: _random_bytes(tmp_path / "noise.safehouse"),
        "another database": lambda: _other_sqlite(tmp_path / "recipes.safehouse"),
        "newer version": lambda: _newer(tmp_path / "future.safehouse", project_path),
        "damaged": lambda: _damaged(tmp_path / "damaged.safehouse", project_path),
        "locked": lambda: held_open,
    }[kind]()
    assert not opened.open_project_path(bad)
    box = opened.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert expected in box.text() and bad.name in box.text()
    box.accept()
    assert opened.project is not None and opened.project.path == project_path
    editor = opened.editor.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " Still here.")
    opened.save_all()
    assert stored_body(project_path, opened.editor.scene_id or 0).endswith("Still here.")


def test_file_open_opens_the_chosen_project(
    opened: MainWindow, tmp_path: Path, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.safehouse"
    other.write_bytes(project_path.read_bytes())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(other), ""))
    opened.menu_actions.open_project.trigger()
    assert opened.project is not None and opened.project.path == other
    # the first project was closed: its lock is free again
    with open_project(project_path):
        pass


def test_new_project_dialog_creates_and_opens_a_project(
    qtbot: QtBot, opened: MainWindow, tmp_path: Path
) -> None:
    opened.menu_actions.new_project.trigger()
    dialog = opened.findChild(NewProjectDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.title, "Red Sparrow Nights")
    assert dialog.file_name.text() == "red-sparrow-nights.safehouse"
    dialog.author.setText("M. Vale")
    dialog.folder.setText(str(tmp_path / "books"))
    dialog.buttons.accepted.emit()
    created = tmp_path / "books" / "red-sparrow-nights.safehouse"
    assert opened.project is not None and opened.project.path == created
    assert "Red Sparrow Nights" in opened.windowTitle()
    assert opened.editor.scene_id is not None and not opened.editor.editor.isReadOnly()


def test_recent_projects_and_settings_are_remembered(
    qtbot: QtBot, opened: MainWindow, project_path: Path, settings_store: SettingsStore
) -> None:
    opened.splitter.setSizes([300, 700, 400])
    opened.set_theme("dark")
    opened.close()
    saved = json.loads(settings_store.path.read_text(encoding="utf-8"))
    assert saved["last_project"] == str(project_path.resolve())
    assert saved["recent_projects"][0] == str(project_path.resolve())
    assert saved["theme"] == "dark" and saved["geometry"]
    again = MainWindow(settings_store.load(), settings_store)
    qtbot.addWidget(again)
    again.fill_recent_menu()
    entries = [a.text() for a in again.menu_actions.recent.actions()]
    assert any(project_path.stem in text for text in entries)
    assert again.menu_actions.theme_dark.isChecked()
    assert again.splitter.sizes()[0] > 0
    again.set_theme("light")
    discard(again)


def test_close_project_leaves_an_empty_window(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    with qtbot.waitSignal(opened.project_changed) as shown:  # what added views listen to
        opened.menu_actions.close_project.trigger()
    assert shown.args == [None]
    assert opened.project is None and opened.windowTitle() == "Safehouse"
    assert opened.editor.editor.isReadOnly()
    assert not opened.menu_actions.export_text.isEnabled()
    with open_project(project_path):  # the lock was released
        pass


def test_importing_a_bundle_opens_it(window: MainWindow, tmp_path: Path) -> None:
    from studio.ui.files import import_bundle_to

    bundle = sample_bundle_dir()
    assert bundle is not None
    assert import_bundle_to(window, bundle, tmp_path / "sample.safehouse")
    assert window.project is not None and len(window.binder.scene_ids()) > 3


# -- starting ------------------------------------------------------------------------------------
@pytest.fixture
def user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


def test_first_start_copies_the_sample_and_the_next_reopens_the_last_project(
    qtbot: QtBot, user_folders: Path
) -> None:
    from studio.app import start

    settings = user_folders / "settings.json"
    before = sorted(p.stat().st_mtime_ns for p in (REPO_ROOT / "projects").rglob("*"))
    window = start(None, settings_path=settings)
    qtbot.addWidget(window)
    # Painted first ("Opening…", nothing to type in), then opened from the event loop.
    assert window.project is None and window.editor.editor.isReadOnly()
    assert window.editor.editor.placeholderText().startswith("Opening ")
    with qtbot.waitSignal(window.opening_finished, timeout=20_000):
        pass
    assert window.project is not None
    location = QStandardPaths.StandardLocation.AppDataLocation
    assert window.project.path.is_relative_to(QStandardPaths.writableLocation(location))
    assert window.editor.scene_id is not None and window.editor.editor.body()
    sample_path = window.project.path
    window.close()
    assert sorted(p.stat().st_mtime_ns for p in (REPO_ROOT / "projects").rglob("*")) == before
    again = start(None, settings_path=settings)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.opening_finished, timeout=20_000):
        pass
    assert again.project is not None and again.project.path == sample_path
    again.close()
    discard(window)
    discard(again)


def test_without_a_display_it_says_so_and_saves_a_screenshot(user_folders: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    code = "import sys; from studio.app import run; sys.exit(run(None))"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line]
    assert "needs a desktop session" in lines[0]
    png = Path(lines[-1].split(": ", 1)[1])
    assert png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_window_paints_before_sqlalchemy_is_imported() -> None:
    """studio.app.start shows the window first: nothing it needs for that imports SQLAlchemy
    (the services are imported when the project is opened, just after the first paint)."""
    from studio.storage.database import PROJECT_SUFFIX as STORED
    from studio.ui.resources import PROJECT_SUFFIX

    assert PROJECT_SUFFIX == STORED
    code = (
        "import sys; import studio.ui.main_window, studio.app; "
        "print(sorted(m for m in ('sqlalchemy', 'studio.services', 'studio.storage', 'alembic',"
        " 'docx', 'enchant') if m in sys.modules))"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
