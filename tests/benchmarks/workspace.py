"""Where a benchmark run keeps its generated books, bundles and project files (a temp dir).

Everything generated is cached for the run: each size's book is generated once, written as a
bundle once and imported into a pristine project file once; figures that change a project work
on copies of it.
"""

from __future__ import annotations

import itertools
import shutil
import sqlite3
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from tests.benchmarks.generator import Book, generate, write_bundle

REPO_ROOT = Path(__file__).resolve().parents[2]
NOVELS = REPO_ROOT.parent / "shared" / "manuscripts" / "novels"
WAR_AND_PEACE = NOVELS / "war-and-peace.txt"
SMALL_NOVEL = NOVELS / "thirty-nine-steps.txt"


@dataclass
class Workspace:
    root: Path
    runs: int = 5
    novel: Path = WAR_AND_PEACE
    _bundles: dict[str, Path] = field(default_factory=dict)
    _projects: dict[str, Path] = field(default_factory=dict)
    _counter: itertools.count[int] = field(default_factory=itertools.count)

    def book(self, size: str) -> Book:
        return generate(size)

    def bundle(self, size: str) -> Path:
        if size not in self._bundles:
            folder = self.root / f"bundle-{size}"
            if not (folder / "project.json").is_file():  # a reused --workdir may have it
                write_bundle(self.book(size), folder)
            self._bundles[size] = folder
        return self._bundles[size]

    def project(self, size: str) -> Path:
        """The pristine project file of this size: figures must not change it (use copy)."""
        if size not in self._projects:
            from studio.importers.bundle import import_bundle

            path = self.root / f"book-{size}.safehouse"
            if not path.is_file():
                import_bundle(self.bundle(size), path).close()
            self._projects[size] = path
        return self._projects[size]

    def copy(self, size: str) -> Path:
        """A fresh copy of the size's project file, to change."""
        target = self.scratch(f"copy-{size}.safehouse")
        shutil.copyfile(self.project(size), target)
        return target

    def scratch(self, name: str) -> Path:
        """A new path under the workspace that nothing exists at yet."""
        while True:
            folder = self.root / f"scratch-{next(self._counter)}"
            if not folder.exists():
                folder.mkdir()
                return folder / name

    @cached_property
    def schema(self) -> list[str]:
        """The DDL of a Safehouse project file, in creation order, for the sqlite3 references."""
        connection = sqlite3.connect(self.project("20k") if not self._projects else self.any())
        try:
            return [
                row[0]
                for row in connection.execute(
                    "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
                )
            ]
        finally:
            connection.close()

    def any(self) -> Path:
        return next(iter(self._projects.values()))
