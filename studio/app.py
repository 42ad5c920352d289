"""The composition root: settings, the project to open, QApplication and the main window.

`studio` (no arguments) and `studio open PATH` call run(). PySide6 is imported inside the
functions only, so importing this module has no side effects and needs no Qt.
"""

from __future__ import annotations

import gc
import os
import sys
import weakref
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from studio.crash_reports import CrashReports, crash_message

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from studio.ui.main_window import MainWindow
    from studio.ui.settings import Settings

APP_NAME = "Safehouse"
SCREENSHOT_DELAY_MS = 400
PAINT_WAIT_MS = 300  # open the project after this long even if the window was never painted
NO_DISPLAY = (
    "Safehouse needs a desktop session (no DISPLAY or WAYLAND_DISPLAY is set); "
    "opening the window off screen to save a screenshot instead."
)


def needs_offscreen() -> bool:
    """True on a Linux machine with no display to show the window on and no platform chosen."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def config_dir() -> Path:
    from PySide6.QtCore import QStandardPaths

    location = QStandardPaths.StandardLocation.AppConfigLocation
    return Path(QStandardPaths.writableLocation(location) or Path.home() / ".config" / APP_NAME)


def data_dir() -> Path:
    from PySide6.QtCore import QStandardPaths

    location = QStandardPaths.StandardLocation.AppDataLocation
    return Path(
        QStandardPaths.writableLocation(location) or Path.home() / ".local" / "share" / APP_NAME
    )


def start(project_path: Path | None = None, settings_path: Path | None = None) -> MainWindow:
    """The main window on project_path, the last project or the sample (needs a QApplication).

    The window is shown and painted first (an empty binder, "Opening The Lisbon Drop…" in the
    read-only editor); what is heavy (SQLAlchemy, the services) is imported and the project
    opened just after that first paint, from the event loop; the character bible and spelling
    are made once the first scene has been painted. window.opening_finished is emitted when all
    that is done, whether the project opened or a dialog said why not.
    """
    from studio.ui.imports import sources_forgotten

    with sources_forgotten():
        from studio.ui.main_window import MainWindow
        from studio.ui.settings import SettingsStore

    store = SettingsStore(settings_path or config_dir() / "settings.json")
    settings = store.load()
    window = MainWindow(settings, store)
    target = project_path or (Path(settings.last_project) if settings.last_project else None)
    window.show_opening(_display_name(target) if target else "the sample project")
    window.show()

    shown = weakref.ref(window)

    def finish() -> None:
        opened = shown()
        if opened is not None:
            with _collector_paused():
                opened.opening_done()

    def open_it() -> None:
        opened = shown()
        if opened is None:
            return
        try:
            with sources_forgotten(), _collector_paused():  # SQLAlchemy and the services
                _open_start_project(opened, settings, project_path)
        finally:
            # The bible and spelling (~150 ms at 250k words) once the scene is on screen: the
            # words at once, the side panel and the underlines a moment later.
            _after_first_paint(opened, finish, behind_others=True)

    _after_first_paint(window, open_it)
    return window


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection in this block, and what it made is left out of later ones.

    Opening imports ~300 modules (SQLAlchemy, the services, enchant): their new objects would set
    off collections that walk everything PySide6 and SQLAlchemy hold (~50-90 ms at 250k words)
    and find next to nothing to free (~5 objects), since modules, classes, panels and the open
    project live as long as the window. So they are frozen (gc.freeze) as the block ends: left
    out of every later collection too, so typing never waits for a walk over them either.
    The price: if one of them later becomes part of an unreachable cycle (the first project's
    engine once another is opened), it is not reclaimed; objects made afterwards are collected
    as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _display_name(path: Path) -> str:
    """'the-lisbon-drop.safehouse' -> 'The Lisbon Drop' (the title is in the file, not yet read)."""
    words = path.stem.replace("-", " ").replace("_", " ").split()
    return " ".join(w if w.isupper() else w.capitalize() for w in words) or path.name


def _after_first_paint(
    window: MainWindow, action: Callable[[], None], *, behind_others: bool = False
) -> None:
    """Run action from the event loop once window has painted next (or soon anyway, if it never
    does: a minimised or hidden window must still open its project). behind_others: after what
    else waited for that paint too (the paint's own zero timers). Nothing here outlives window."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance()
    shown = weakref.ref(window)

    class Watcher(QObject):
        def __init__(self, parent: QObject) -> None:
            super().__init__(parent)
            self.pending = True
            self.timer = QTimer(self)
            self.timer.setSingleShot(True)
            self.timer.timeout.connect(self.run)
            self.timer.start(PAINT_WAIT_MS)

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.Paint
                and isinstance(obj, QWidget)
                and obj.window() is shown()
                and self.timer.interval() != 0
            ):
                self.timer.start(0)  # just after this paint has reached the screen
            return False

        def run(self) -> None:
            if self.pending:
                self.pending = False
                if app is not None:
                    app.removeEventFilter(self)
                if behind_others:
                    QTimer.singleShot(0, self, action)
                else:
                    action()

    watcher = Watcher(window)
    del window  # held weakly from here on: a closed, deleted window is not kept alive
    if app is not None:
        app.installEventFilter(watcher)


def _open_start_project(window: MainWindow, settings: Settings, project_path: Path | None) -> None:
    if project_path is not None:
        window.open_project_path(Path(project_path))
        return
    last = Path(settings.last_project) if settings.last_project else None
    if last is not None and last.exists():
        window.open_project_path(last)
        return
    sample = install_sample(window)
    if sample is not None:
        settings.sample_installed = True
    else:
        window.status.showMessage("Create a project with File → New Project, or open one.", 0)


def install_sample(window: MainWindow) -> Path | None:
    """Open the sample: imported on first run into the data folder, so projects/ stays as it is."""
    from studio.ui.dialogs.messages import show_error
    from studio.ui.resources import SAMPLE_NAME, sample_bundle_dir

    target = data_dir() / "projects" / f"{SAMPLE_NAME}.safehouse"
    if target.exists():
        return target if window.open_project_path(target) else None
    bundle = sample_bundle_dir()
    if bundle is None:
        return None
    try:
        from studio.importers.bundle import import_bundle
    except ImportError:
        window.status.showMessage("The sample project cannot be imported by this version yet.", 0)
        return None
    from studio.core.errors import SafehouseError

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        project = import_bundle(bundle, target)
    except (SafehouseError, OSError) as error:
        show_error(window, "Could not set up the sample project", str(error))
        return None
    window.set_project(project)
    return target


def run(project_path: Path | None = None) -> int:
    """Run the studio until its window closes; the process's exit status."""
    headless = needs_offscreen()
    if headless:
        print(NO_DISPLAY, flush=True)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("safehouse")
    reports = CrashReports(data_dir() / "crashes")
    earlier = reports.collect()
    reports.arm()
    try:
        window = start(project_path)
        if earlier:
            message = crash_message(earlier)
            window.opening_finished.connect(lambda: window.status.showMessage(message, 0))
        if headless:
            return _screenshot_and_quit(app, window)
        return app.exec()
    finally:
        reports.disarm()


def _screenshot_and_quit(app: object, window: MainWindow) -> int:
    """Off screen: let the window lay itself out, save it as a PNG, say where, and close."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    target = data_dir() / "screenshots" / "safehouse-window.png"

    def shoot() -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        if window.grab().save(str(target)):
            print(f"Screenshot of the window: {target}", flush=True)
        else:
            print(f"Could not save the screenshot to {target}", flush=True)
        window.close()
        app.quit()

    window.opening_finished.connect(lambda: QTimer.singleShot(SCREENSHOT_DELAY_MS, shoot))
    app.exec()
    return 0
