"""One writer per project, across processes; a killed writer leaves no lock behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from studio.core.errors import ProjectLockedError
from studio.services.project import Project, create_project, open_project
from studio.storage.lock import lock_path_for

REPO = Path(__file__).resolve().parents[2]

# Run in a second process: try to open the project for writing, then read-only, and report.
SECOND_PROCESS = """
import json, sys
from pathlib import Path
from studio.core.errors import SafehouseError
from studio.services.project import open_project

path = Path(sys.argv[1])
report = {}
try:
    with open_project(path) as project:
        chapter = project.manuscript.add_chapter("Written by the second process")
        report["write"] = "opened"
except SafehouseError as error:
    report["write"] = type(error).__name__
    report["message"] = str(error)
with open_project(path, read_only=True) as project:
    report["chapters"] = [c.chapter.title for c in project.manuscript.binder().chapters()]
print(json.dumps(report))
"""

# Run in a second process: hold the project open for writing until killed.
HOLDER = """
import sys, time
from pathlib import Path
from studio.services.project import open_project

project = open_project(Path(sys.argv[1]))
print("holding", flush=True)
time.sleep(60)
"""


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def _second_process(path: Path) -> dict[str, object]:
    result = _python(SECOND_PROCESS, str(path))
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout)
    return report


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "novel.safehouse"
    with create_project(path, title="The Quiet Courier") as project:
        project.manuscript.add_chapter("Arrivals")
    return path


def test_a_second_process_is_told_and_may_read(project_path: Path) -> None:
    with open_project(project_path) as project:
        project.manuscript.add_chapter("Written by the first process")
        report = _second_process(project_path)
        assert report["write"] == "ProjectLockedError"
        message = str(report["message"])
        assert "already open for writing" in message
        assert f"process {os.getpid()}" in message, "it says who holds the project"
        assert "read-only" in message
        assert report["chapters"] == ["Arrivals", "Written by the first process"]
        # The first process's writing goes on undisturbed.
        project.manuscript.add_chapter("Still writing")

    # Once the first process has closed the project, the second may write to it.
    report = _second_process(project_path)
    assert report["write"] == "opened"
    assert report["chapters"] == [
        "Arrivals",
        "Written by the first process",
        "Still writing",
        "Written by the second process",
    ]


def test_a_second_open_in_the_same_process_is_refused_too(project_path: Path) -> None:
    with open_project(project_path):
        with pytest.raises(ProjectLockedError):
            open_project(project_path)
        with open_project(project_path, read_only=True) as reader:
            assert reader.read_only
    with open_project(project_path) as again:
        assert not again.read_only


def test_a_reader_does_not_keep_a_writer_out(project_path: Path) -> None:
    with open_project(project_path, read_only=True), open_project(project_path) as writer:
        writer.manuscript.add_chapter("Fine")


def test_a_killed_writer_does_not_leave_the_project_locked(project_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(project_path)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(ProjectLockedError):
            open_project(project_path)
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    assert lock_path_for(project_path).exists(), "the killed process could not tidy up"

    project: Project = open_project(project_path)
    try:
        project.manuscript.add_chapter("After the crash")
        titles = [c.chapter.title for c in project.manuscript.binder().chapters()]
        assert titles == ["Arrivals", "After the crash"]
    finally:
        project.close()
    assert not lock_path_for(project_path).exists()
