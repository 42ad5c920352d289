"""kill -9 mid-sentence loses at most the last two seconds of typing.

A child process opens the window on a copy of a project and types a numbered word every 50 ms,
printing each word and the time it was typed. The test kills it with SIGKILL a few seconds in,
then reads the scene back through a fresh service: every word typed more than two seconds
before the kill must be there, and the lock must have died with the process.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from studio.services.project import open_project
from studio.ui.resources import REPO_ROOT

TYPIST = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from studio.app import start

app = QApplication([sys.argv[0]])
window = start(Path(sys.argv[1]), settings_path=Path(sys.argv[2]))
timer = QTimer()

def begin():
    editor = window.editor.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    print(f"scene {window.editor.scene_id}", flush=True)
    timer.start(50)

count = iter(range(1_000_000))

def type_word():
    n = next(count)
    QTest.keyClicks(window.editor.editor, f" w{n:05d}")
    print(f"typed {n} {time.time():.3f}", flush=True)

timer.timeout.connect(type_word)
window.opening_finished.connect(begin)
app.exec()
"""
RUN_SECONDS = 4.0
LOSS_ALLOWED = 2.0


def test_sigkill_loses_at_most_two_seconds(project_path: Path, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", TYPIST, str(project_path), str(tmp_path / "settings.json")],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: list[str] = []
    assert child.stdout is not None
    reader = threading.Thread(target=lambda: lines.extend(iter(child.stdout.readline, "")))
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while not any(line.startswith("typed") for line in lines):
            assert time.monotonic() < deadline and child.poll() is None, "the typist never typed"
            time.sleep(0.05)
        time.sleep(RUN_SECONDS)
        killed_at = time.time()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=10)
        reader.join(timeout=10)
    assert child.returncode == -signal.SIGKILL
    scene_id = int(next(line for line in lines if line.startswith("scene")).split()[1])
    typed = [
        (int(m[1]), float(m[2]))
        for m in (re.match(r"typed (\d+) ([\d.]+)", line) for line in lines)
        if m
    ]
    must_survive = [n for n, at in typed if at < killed_at - LOSS_ALLOWED]
    assert len(must_survive) >= 20, f"only {len(must_survive)} words typed before the cut-off"
    with open_project(project_path) as project:  # read-write: the lock died with the process
        body = project.manuscript.scene(scene_id).body
    missing = [n for n in must_survive if f" w{n:05d}" not in body]
    assert not missing, f"lost words typed more than 2 s before the kill: {missing[:10]}"
