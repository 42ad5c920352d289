"""A crash leaves its Python stack in a report, and the next start says so once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from studio.crash_reports import CrashReports
from studio.ui.resources import REPO_ROOT

CRASHER = r"""
import faulthandler, sys, time
from pathlib import Path
from studio.crash_reports import CrashReports

reports = CrashReports(Path(sys.argv[1]))
reports.arm()

def typing_in_the_editor():
    if sys.argv[2] == "crash":
        faulthandler._sigsegv()
    elif sys.argv[2] == "hang":
        print("armed", flush=True)
        time.sleep(60)

typing_in_the_editor()
reports.disarm()
"""


def _child(folder: Path, what: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    command = [sys.executable, "-c", CRASHER, str(folder), what]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)


def test_a_crash_leaves_a_report_with_the_stack_found_once(tmp_path: Path) -> None:
    folder = tmp_path / "crashes"
    child = _child(folder, "crash")
    assert child.wait(timeout=60) == -signal.SIGSEGV
    reports = CrashReports(folder).collect()
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    assert "Segmentation fault" in text
    assert "typing_in_the_editor" in text
    assert reports[0].name.startswith("crash-")
    assert CrashReports(folder).collect() == []  # said once; the report itself is kept
    assert reports[0].exists()


def test_a_clean_exit_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "crashes"
    assert _child(folder, "exit").wait(timeout=60) == 0
    assert list(folder.iterdir()) == []
    assert CrashReports(folder).collect() == []


def test_a_killed_studio_is_no_crash_and_a_running_one_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "crashes"
    running = _child(folder, "hang")
    killed = _child(folder, "hang")
    try:
        assert running.stdout is not None and killed.stdout is not None
        assert running.stdout.readline() == "armed\n"
        assert killed.stdout.readline() == "armed\n"
        killed.kill()
        killed.wait(timeout=60)
        assert CrashReports(folder).collect() == []
        # The killed one's empty log is gone; the running one's is still being written to.
        assert [log.name for log in folder.iterdir()] == [f"running-{running.pid}.log"]
    finally:
        running.kill()
        running.wait(timeout=60)
        killed.stdout and killed.stdout.close()
        running.stdout and running.stdout.close()
