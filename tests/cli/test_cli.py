"""The command line end to end, as a writer runs it: `python -m studio ...` in a folder.

Each command is a real process. They are independent once the sample has been imported, so
they run side by side (a fixture runs them all, the tests read what each one did).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from studio import __version__
from studio.export.plain_text import PlainTextOptions, render_plain_text
from studio.services.project import create_project, open_project
from studio.storage import schema
from tests.storage.helpers import make_damaged_project, make_foreign_sqlite

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "projects" / "the-lisbon-drop"


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: str

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8")


def studio(folder: Path, *args: str) -> Run:
    environment = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "studio", *args],
        cwd=folder,
        env=environment,
        capture_output=True,
        timeout=60,
        check=False,
    )
    return Run(args, result.returncode, result.stdout, result.stderr.decode("utf-8"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_newer(path: Path) -> None:
    create_project(path, title="From the future").close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()


def make_older(path: Path) -> None:
    """A project as the previous schema revision left it."""
    previous = schema.known_revisions()[-2]
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")
        schema.upgrade(connection, previous)
        connection.exec_driver_sql(
            "INSERT INTO project (id, title, author, language, settings_json, created_at) "
            "VALUES (1, 'An Older Book', '', 'en_US', '{}', '2024-01-01 00:00:00')"
        )
    engine.dispose()


BAD_FILES: dict[str, Callable[[Path], None]] = {
    "damaged.safehouse": make_damaged_project,
    "foreign.safehouse": make_foreign_sqlite,
    "newer.safehouse": make_newer,
}

# name: the command's arguments (run in the work folder once the sample is imported).
COMMANDS: dict[str, tuple[str, ...]] = {
    "stats": ("stats", "s.safehouse"),
    "stats --json": ("stats", "s.safehouse", "--json"),
    "export txt": ("export", "s.safehouse", "--format", "txt"),
    "export stdout": ("export", "s.safehouse", "-o", "-"),
    "export bundle": ("export", "s.safehouse", "--format", "bundle", "-o", "out-bundle"),
    "export chapter 9": ("export", "s.safehouse", "--chapters", "9", "-o", "-"),
    "new": ("new", "my-first-novel", "--author", "A. Writer"),
    "stats older": ("stats", "older.safehouse"),
    "stats missing": ("stats", "missing.safehouse"),
    **{f"stats {name}": ("stats", name) for name in BAD_FILES},
    "--version": ("--version",),
    "--help": ("--help",),
    **{f"{c} --help": (c, "--help") for c in ("new", "import", "export", "stats", "open")},
    "usage: no project": ("stats",),
    "usage: unknown command": ("frobnicate",),
    "usage: unknown format": ("export", "s.safehouse", "--format", "pdf"),
    "usage: wrap not a number": ("export", "s.safehouse", "--wrap", "wide"),
    "usage: unknown option": ("stats", "s.safehouse", "--verbose"),
}


@dataclass(frozen=True)
class Workspace:
    folder: Path
    imported: Run
    runs: dict[str, Run]
    hashes: dict[str, str]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    folder = tmp_path_factory.mktemp("cli")
    imported = studio(folder, "import", str(SAMPLE), "-o", "s.safehouse")
    assert imported.returncode == 0, imported.stderr
    for name, make in BAD_FILES.items():
        make(folder / name)
    make_older(folder / "older.safehouse")
    hashes = {name: sha256(folder / name) for name in BAD_FILES}
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(studio, folder, *args) for name, args in COMMANDS.items()}
        runs = {name: future.result() for name, future in futures.items()}
    return Workspace(folder, imported, runs, hashes)


def test_import_the_sample(workspace: Workspace) -> None:
    run = workspace.imported
    assert run.stderr == ""
    assert run.out.startswith(f"Imported {SAMPLE} into s.safehouse: 4 chapters, 10 scenes, ")
    assert (workspace.folder / "s.safehouse").is_file()


def test_stats_in_words(workspace: Workspace) -> None:
    run = workspace.runs["stats"]
    assert (run.returncode, run.stderr) == (0, "")
    with open_project(workspace.folder / "s.safehouse", read_only=True) as project:
        stats = project.stats()
    lines = run.out.splitlines()
    assert lines[0] == f"{stats.title} by {stats.author}"
    assert [line.strip() for line in lines[1:]] == [
        f"{stats.parts} parts",
        "4 chapters",
        "10 scenes",
        f"{stats.words:,} words",
        f"{stats.characters} characters",
        f"{stats.locations} locations",
        f"{stats.threads} threads",
        f"{stats.events} events",
    ]
    assert 3_000 <= stats.words <= 5_000


def test_stats_as_json(workspace: Workspace) -> None:
    run = workspace.runs["stats --json"]
    assert (run.returncode, run.stderr) == (0, "")
    with open_project(workspace.folder / "s.safehouse", read_only=True) as project:
        assert json.loads(run.out) == dataclasses.asdict(project.stats())


def test_export_txt_is_a_clean_manuscript(workspace: Workspace) -> None:
    run = workspace.runs["export txt"]
    assert (run.returncode, run.stderr) == (0, "")
    assert run.out == "Wrote s.txt.\n"
    text = (workspace.folder / "s.txt").read_text(encoding="utf-8")
    with open_project(workspace.folder / "s.safehouse", read_only=True) as project:
        assert text == render_plain_text(project, PlainTextOptions())
        binder = project.manuscript.binder()
        scenes = [project.manuscript.scene(s.id) for s in binder.scenes()]
    lines = text.splitlines()
    assert lines[0] == "THE LISBON DROP"
    for number, chapter in enumerate(binder.chapters(), start=1):
        heading = f"\n\nChapter {number}\n{chapter.chapter.title}\n\n\n"
        assert heading in text
    separators = [n for n, line in enumerate(lines) if line == "#"]
    assert len(separators) == len(scenes) - len(binder.chapters())
    for n in separators:
        assert lines[n - 1] == lines[n + 1] == ""
        assert not lines[n + 2].startswith("Chapter"), "no separator before a chapter"
    for scene in scenes:
        assert scene.synopsis not in text
        if scene.notes:
            assert scene.notes not in text
    assert lines[-1] == "THE END"


def test_export_to_standard_output_gives_the_same_bytes(workspace: Workspace) -> None:
    run = workspace.runs["export stdout"]
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == (workspace.folder / "s.txt").read_bytes()


def test_export_a_bundle(workspace: Workspace) -> None:
    run = workspace.runs["export bundle"]
    assert (run.returncode, run.stderr) == (0, "")
    bundle = workspace.folder / "out-bundle"
    assert (bundle / "project.json").is_file()
    assert len(list((bundle / "scenes").glob("*.md"))) == 10


def test_new_project(workspace: Workspace) -> None:
    run = workspace.runs["new"]
    assert (run.returncode, run.stderr) == (0, "")
    path = workspace.folder / "my-first-novel.safehouse"
    assert run.out == f"Created {path.name} (My First Novel).\n"
    with open_project(path, read_only=True) as project:
        stats = project.stats()
    assert (stats.title, stats.author, stats.chapters, stats.words) == (
        "My First Novel",
        "A. Writer",
        0,
        0,
    )


def test_an_older_project_is_upgraded_and_read(workspace: Workspace) -> None:
    run = workspace.runs["stats older"]
    assert run.returncode == 0, run.stderr
    assert run.out.startswith("An Older Book\n")
    [note] = run.stderr.splitlines()
    assert "upgraded older.safehouse" in note
    backups = list(workspace.folder.glob("older.safehouse-backup-schema-*"))
    assert len(backups) == 1
    assert backups[0].name in note


def test_version(workspace: Workspace) -> None:
    run = workspace.runs["--version"]
    assert (run.returncode, run.out, run.stderr) == (0, f"Safehouse {__version__}\n", "")


@pytest.mark.parametrize("command", ["new", "import", "export", "stats", "open"])
def test_help_for_each_command(workspace: Workspace, command: str) -> None:
    run = workspace.runs[f"{command} --help"]
    assert (run.returncode, run.stderr) == (0, "")
    assert run.out.startswith(f"usage: studio {command}")


def test_help_lists_the_commands(workspace: Workspace) -> None:
    run = workspace.runs["--help"]
    assert run.returncode == 0
    for command in ("new", "import", "export", "stats", "open"):
        assert f"    {command} " in run.out


FAILURES = [
    ("stats missing", "No project at missing.safehouse"),
    ("stats damaged.safehouse", "damaged.safehouse is damaged"),
    ("stats foreign.safehouse", "foreign.safehouse is an SQLite database but not a Safehouse"),
    ("stats newer.safehouse", "newer.safehouse was saved by a newer version of Safehouse"),
    ("export chapter 9", "--chapters 9: the book has chapters 1 to 4"),
]


@pytest.mark.parametrize(("name", "says"), FAILURES, ids=[f[0] for f in FAILURES])
def test_failures_are_one_line_and_exit_1(workspace: Workspace, name: str, says: str) -> None:
    run = workspace.runs[name]
    assert run.returncode == 1
    assert run.stdout == b""
    assert "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1 and run.stderr.endswith("\n"), run.stderr
    assert run.stderr.startswith(f"studio: {says}")


def test_bad_files_are_not_touched(workspace: Workspace) -> None:
    for name, before in workspace.hashes.items():
        assert sha256(workspace.folder / name) == before, name
        for suffix in ("-wal", "-shm", ".lock", "-journal"):
            assert not (workspace.folder / f"{name}{suffix}").exists(), f"{name}{suffix}"


@pytest.mark.parametrize(
    "name",
    [
        "usage: no project",
        "usage: unknown command",
        "usage: unknown format",
        "usage: wrap not a number",
        "usage: unknown option",
    ],
)
def test_bad_usage_exits_2(workspace: Workspace, name: str) -> None:
    run = workspace.runs[name]
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "usage: studio" in run.stderr


def test_reading_commands_leave_nothing_beside_the_project(workspace: Workspace) -> None:
    beside = sorted(p.name for p in workspace.folder.glob("s.safehouse*"))
    assert beside == ["s.safehouse"]
