"""Window figures, offscreen, each side in its own subprocess started the same way
(`python <script>` with QT_QPA_PLATFORM=offscreen):

* first paint: process start to the end of the main window's first paint (studio.app.start shows
  the window, then opens the project from the event loop) — against a bare QMainWindow showing a
  QPlainTextEdit with the first scene's text;
* first scene shown: process start to the end of the first paint of the first scene's text in
  the editor — against the same bare window's first paint; no target, printed so that a reader
  sees what the window's quick first paint leaves for later;
* peak RSS with the first scene shown (VmHWM of /proc/self/status) — against the same bare window;
  beside it, untargeted, the same bare window over the stack DESIGN.md puts in the window's
  process (SQLAlchemy with the typed models, pyenchant with en_US: STACK_CHILD) against the bare
  window, and Safehouse against it, so a reader sees which part of the ratio is ours;
* scene switch: open_scene of the 10,000-word scene until it is painted — against setPlainText
  of the same text on the bare QPlainTextEdit, then the same paint;
* keystroke: one typed letter in that scene until the repaint (spelling on when the editor has
  it) — against the same keystroke in the bare QPlainTextEdit.

The parent only starts the children and reads the one JSON line each prints; PySide6 is imported
in the children alone.
"""

from __future__ import annotations

import compileall
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.report import Figure, Target, measured, timed, unavailable, untargeted
from tests.benchmarks.workspace import REPO_ROOT, Workspace

FIRST_PAINT = Target(1.5)
SWITCH = Target(2)
KEYSTROKE = Target(2)
MEMORY = Target(1.5)
CHILD_TIMEOUT = 180
INTERACT_ROUNDS = 5  # turns each side takes at switching and typing (fewer if --runs is)
INTERACT_SAMPLES = 15  # switches and keystrokes timed in each turn (more if --runs is)

_COMMON = r'''
import json, resource, statistics, sys, time
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

class FirstPaint(QObject):
    """Calls done() once the first paint pass of window has finished."""

    def __init__(self, window, done):
        super().__init__()
        self.window, self.done, self.seen, self.paints = window, done, False, 0

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
            if obj.window() is self.window:
                self.paints += 1
                if not self.seen:
                    self.seen = True
                    QTimer.singleShot(0, self.done)
        return False

def peak_rss_kb():
    # VmHWM, not getrusage's maxrss: Linux keeps maxrss across execve, so a child would
    # report the (large) benchmark process it was started from.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

def after_first_paint():
    """What a child does once its window has painted, before it reports (the stack child)."""

def report(**values):
    values["rss_kb"] = peak_rss_kb()
    print("BENCH " + json.dumps(values), flush=True)

def timed_runs(runs, before, action, app, painter):
    """Median seconds of action() + processEvents(), each run painting at least once."""
    times = []
    for _ in range(runs + 1):
        before()
        app.processEvents()
        paints = painter.paints
        start = time.perf_counter()
        action()
        app.processEvents()
        times.append(time.perf_counter() - start)
        if painter.paints == paints:
            raise SystemExit("the action was not painted")
    return statistics.median(times[1:])

def middle_of(editor):
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().characterCount() // 2)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
'''

APP_CHILD = (
    _COMMON
    + r"""
from pathlib import Path
from studio.app import start

mode, project, settings, long_scene, runs = sys.argv[1:6]
app = QApplication([sys.argv[0]])
window = start(Path(project), settings_path=Path(settings))

def spelling_layers():
    editor = window.editor.editor
    layers = getattr(editor.highlighter, "_layers", [])
    return [type(layer).__name__ for layer in layers if "spell" in type(layer).__name__.lower()]

class SceneShown(QObject):
    # Calls done() once the editor has painted a scene's text (the project opens after the
    # window's first paint, from the event loop).

    def __init__(self, done):
        super().__init__()
        self.done, self.seen = done, False

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            editor = window.editor.editor
            if (
                obj is editor.viewport()
                and window.editor.scene_id is not None
                and editor.document().characterCount() > 1
            ):
                self.seen = True
                QTimer.singleShot(0, self.done)
        return False

first_paint = {}

def done():
    first_paint["at"] = time.monotonic()
    first_paint["watcher"] = SceneShown(scene_shown)  # held: an unreferenced filter is freed
    app.installEventFilter(first_paint["watcher"])

# Peak memory is read once the window has finished opening (the bible and spelling are made
# after the first scene is painted): that is the window a novelist types in.
opened = {"done": not hasattr(window, "opening_finished")}

def report_startup():
    if opened["done"] and "scene_painted" in first_paint:
        report(
            painted=first_paint["at"], scene_painted=first_paint["scene_painted"],
            scene=window.editor.scene_id,
        )
        app.quit()

def opening_finished():
    opened["done"] = True
    report_startup()

if not opened["done"]:
    window.opening_finished.connect(opening_finished)

def scene_shown():
    if mode == "startup":
        first_paint["scene_painted"] = time.monotonic()
        report_startup()
        return
    first = window.editor.scene_id
    switch = timed_runs(
        int(runs), lambda: window.open_scene(first),
        lambda: window.open_scene(int(long_scene)), app, painter,
    )
    editor = window.editor.editor
    middle_of(editor)
    key = timed_runs(
        int(runs), lambda: None, lambda: QTest.keyClick(editor, Qt.Key.Key_A), app, painter
    )
    report(switch=switch, key=key, spelling=spelling_layers())
    app.quit()

from PySide6.QtTest import QTest
painter = FirstPaint(window, done)
app.installEventFilter(painter)
app.exec()
"""
)

_BARE_WINDOW = r"""
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit

mode, first_file, long_file, runs = sys.argv[1:5]
app = QApplication([sys.argv[0]])
window = QMainWindow()
editor = QPlainTextEdit(window)
window.setCentralWidget(editor)
window.resize(1440, 900)  # the main window's default size
first_text = open(first_file, encoding="utf-8").read()
editor.setPlainText(first_text)
window.show()

def done():
    if mode == "startup":
        painted = time.monotonic()
        after_first_paint()
        report(painted=painted)
        app.quit()
        return
    long_text = open(long_file, encoding="utf-8").read()
    switch = timed_runs(
        int(runs), lambda: editor.setPlainText(first_text),
        lambda: editor.setPlainText(long_text), app, painter,
    )
    middle_of(editor)
    key = timed_runs(
        int(runs), lambda: None, lambda: QTest.keyClick(editor, Qt.Key.Key_A), app, painter
    )
    report(switch=switch, key=key)
    app.quit()

from PySide6.QtTest import QTest
painter = FirstPaint(window, done)
app.installEventFilter(painter)
app.exec()
"""
BARE_CHILD = _COMMON + _BARE_WINDOW

# What DESIGN.md puts in the window's process besides Qt, and nothing of Safehouse's own: the
# project opened through SQLAlchemy with its typed models, a scene read, the en_US dictionary
# loaded and used, after the first paint as Safehouse does. What the bare window weighs with this
# stack is what any window made to the design starts from, so Safehouse's peak RSS is shown
# against it too (_stack_figures).
_STACK = r"""
held = []

def after_first_paint():
    # After the first paint, as Safehouse opens its project: the same order of allocations.
    import enchant
    from sqlalchemy import create_engine, select
    from studio.storage.models import SceneRow

    engine = create_engine(f"sqlite:///{sys.argv[5]}")
    connection = engine.connect()  # Core, as Safehouse reads: no ORM session
    text = connection.execute(select(SceneRow.__table__.c.body).limit(1)).scalar_one()
    broker = enchant.Broker()
    broker.set_ordering("en_US", "hunspell")  # the one provider, as Safehouse asks
    speller = broker.request_dict("en_US")
    unknown = [word for word in text.split() if word.isalpha() and not speller.check(word)]
    held.extend((engine, connection, broker, speller, unknown))  # open while the peak is read
"""
STACK_CHILD = _COMMON + _STACK + _BARE_WINDOW


class ChildFailed(RuntimeError):
    """A child printed no report (it crashed); the message holds its output."""


def _child(script: Path, *args: object) -> tuple[float, dict[str, Any]]:
    """Start `python script args`; (the monotonic time just before the start, its report)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO_ROOT))
    command = [sys.executable, str(script), *map(str, args)]
    started = time.monotonic()
    done = subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        check=False,
    )
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("BENCH "):
            report: dict[str, Any] = json.loads(line.removeprefix("BENCH "))
            return started, report
    raise ChildFailed(
        f"{script.name} {' '.join(map(str, args))} printed no report "
        f"(exit {done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    )


NAMES = ("first paint", "peak RSS, one scene shown", "switch to 10k-word scene", "keystroke")
UNITS = ("ms", "MB", "ms", "ms")
TARGETS = (FIRST_PAINT, MEMORY, SWITCH, KEYSTROKE)
SCENE_SHOWN = "first scene shown"
BARE_STACK = "peak RSS, bare + stack"
AGAINST_STACK = "peak RSS against bare + stack"


def figures(ws: Workspace, size: str) -> list[Figure]:
    if importlib.util.find_spec("studio.app") is None or not _has_start():
        why = "not yet available: studio/app.py start() and studio/ui (issue 3)"
        return [
            unavailable(n, size, u, t, why) for n, u, t in zip(NAMES, UNITS, TARGETS, strict=True)
        ]
    try:
        return _measure(ws, size)
    except ChildFailed as error:
        fatal = [line for line in str(error).splitlines() if "Fatal" in line or "Error" in line]
        why = f"the window crashed: {fatal[0] if fatal else str(error)[:200]}"
        print(f"window {size}: {error}", file=sys.stderr)
        return [
            Figure(n, size, None, u, None, t.describe(u), False, why)
            for n, u, t in zip(NAMES, UNITS, TARGETS, strict=True)
        ]


def _measure(ws: Workspace, size: str) -> list[Figure]:
    names = NAMES
    from studio.services.project import open_project

    book = ws.book(size)
    with open_project(ws.project(size), read_only=True) as project:
        scenes = project.manuscript.binder().scenes()
        first, long_scene = scenes[0], scenes[book.long_scene]
        first_text = project.manuscript.scene(first.id).body
        long_text = project.manuscript.scene(long_scene.id).body
    folder = ws.scratch("window")
    folder.mkdir()
    app_script, bare_script = folder / "app_child.py", folder / "bare_child.py"
    stack_script = folder / "stack_child.py"
    app_script.write_text(APP_CHILD, encoding="utf-8")
    bare_script.write_text(BARE_CHILD, encoding="utf-8")
    stack_script.write_text(STACK_CHILD, encoding="utf-8")
    first_file, long_file = folder / "first.txt", folder / "long.txt"
    first_file.write_text(first_text, encoding="utf-8")
    long_file.write_text(long_text, encoding="utf-8")

    # An installed Safehouse starts from compiled bytecode (pip compiles on install, `make`
    # compiles after setup); an editable checkout under PYTHONDONTWRITEBYTECODE=1 would instead
    # compile ~70 modules from source on every start, a cost no user of an install pays.
    compileall.compile_dir(REPO_ROOT / "studio", quiet=1)
    startup_project = ws.copy(size)
    app_times: list[float] = []
    scene_times: list[float] = []
    bare_times: list[float] = []
    app_rss: list[float] = []
    bare_rss: list[float] = []
    stack_rss: list[float] = []
    for run in range(ws.runs + 1):
        settings = folder / f"settings-{run}.json"
        started, report = _child(app_script, "startup", startup_project, settings, 0, 0)
        if report.get("scene") != first.id:
            raise AssertionError(f"the window showed scene {report.get('scene')}, not {first.id}")
        bare_started, bare = _child(bare_script, "startup", first_file, long_file, 0)
        _, stack = _child(stack_script, "startup", first_file, long_file, 0, startup_project)
        if run:  # the first run of each is the warm-up
            app_times.append(report["painted"] - started)
            scene_times.append(report["scene_painted"] - started)
            bare_times.append(bare["painted"] - bare_started)
            app_rss.append(report["rss_kb"] / 1024)
            bare_rss.append(bare["rss_kb"] / 1024)
            stack_rss.append(stack["rss_kb"] / 1024)

    # Switching and typing take well under a millisecond per run, and on a shared machine a
    # whole child process may run at half speed from start to end (both sides, either core,
    # any hash seed: measured), which moves one side by 2x: the two sides take turns, a few
    # rounds each of many samples, and each figure is the median of their rounds' medians.
    rounds: list[tuple[dict[str, Any], dict[str, Any]]] = []
    samples = max(ws.runs, INTERACT_SAMPLES)
    for turn in range(min(ws.runs, INTERACT_ROUNDS)):
        settings = folder / f"settings-i{turn}.json"
        interact_project = ws.copy(size)
        _, ours = _child(app_script, "interact", interact_project, settings, long_scene.id, samples)
        _, bare = _child(bare_script, "interact", first_file, long_file, samples)
        rounds.append((ours, bare))

    def both(key: str) -> tuple[float, float]:
        return (
            statistics.median(ours[key] for ours, _ in rounds),
            statistics.median(bare[key] for _, bare in rounds),
        )

    words = f"{long_scene.word_count:,}-word scene"
    spelled = rounds[-1][0].get("spelling")
    spelling = "spelling on" if spelled else "no spelling layer in the editor yet"
    return [
        timed(
            names[0],
            size,
            statistics.median(app_times),
            statistics.median(bare_times),
            FIRST_PAINT,
            "process start to first paint; bare: QMainWindow + QPlainTextEdit, same text",
        ),
        untargeted(
            SCENE_SHOWN,
            size,
            statistics.median(scene_times) * 1000,
            statistics.median(bare_times) * 1000,
            "ms",
            "process start to the first scene's text painted; bare: its first paint",
        ),
        measured(
            names[1],
            size,
            statistics.median(app_rss),
            statistics.median(bare_rss),
            "MB",
            MEMORY,
            "peak RSS (VmHWM) once open: first scene shown, bible and spelling made",
        ),
        *_stack_figures(size, statistics.median(app_rss), statistics.median(bare_rss), stack_rss),
        timed(names[2], size, *both("switch"), SWITCH, words),
        timed(names[3], size, *both("key"), KEYSTROKE, f"{words}; {spelling}"),
    ]


def _stack_figures(size: str, ours: float, bare: float, stack: list[float]) -> list[Figure]:
    """Peak RSS of the bare window with the design's stack (STACK_CHILD) against the bare
    window, and Safehouse's against that: how much of the memory ratio the stack alone takes,
    and how much is Safehouse's own."""
    with_stack = statistics.median(stack)
    return [
        untargeted(
            BARE_STACK,
            size,
            with_stack,
            bare,
            "MB",
            "bare window + the project opened through SQLAlchemy's typed models + en_US loaded",
        ),
        untargeted(
            AGAINST_STACK,
            size,
            ours,
            with_stack,
            "MB",
            "Safehouse's peak RSS against the bare window with the stack",
        ),
    ]


def _has_start() -> bool:
    from studio import app

    return callable(getattr(app, "start", None))
