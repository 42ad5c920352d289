"""After a crash, the next start of the studio says so once, and where the report is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from studio.ui.resources import REPO_ROOT

STUDIO = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
import studio.app as app_module

started = app_module.start

def start(*args, **kwargs):
    window = started(*args, **kwargs)
    def say():
        print("STATUS", window.status.currentMessage(), flush=True)
    window.opening_finished.connect(lambda: QTimer.singleShot(0, say))
    return window

app_module.start = start
app_module.run(Path(sys.argv[1]))
"""


def test_the_window_says_once_that_the_last_run_crashed(project_path: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    folder = data / "Safehouse" / "crashes"
    folder.mkdir(parents=True)
    dead = subprocess.Popen(["true"])
    dead.wait()
    (folder / f"running-{dead.pid}.log").write_text(
        'Fatal Python error: Segmentation fault\n  File "layer.py", line 235\n', encoding="utf-8"
    )
    env = {
        key: value for key, value in os.environ.items() if key not in ("DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(XDG_DATA_HOME=str(data), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env["PYTHONPATH"] = str(REPO_ROOT)

    def studio() -> str:
        done = subprocess.run(
            [sys.executable, "-c", STUDIO, str(project_path)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return next(line for line in done.stdout.splitlines() if line.startswith("STATUS"))

    first = studio()
    assert "closed unexpectedly last time" in first
    report = next(folder.glob("crash-*.log"))
    assert str(report) in first
    assert "closed unexpectedly" not in studio()  # said once
    assert [log.name for log in folder.iterdir()] == [report.name]  # clean exits leave nothing
