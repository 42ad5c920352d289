"""A fresh, empty project for each test, copied from one made once (making one runs Alembic)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from studio.services.project import Project, create_project, open_project


@pytest.fixture(scope="session")
def empty_project_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.safehouse"
    create_project(path, title="The Quiet Courier", author="M. Okafor").close()
    return path


@pytest.fixture
def project_path(tmp_path: Path, empty_project_file: Path) -> Path:
    path = tmp_path / "novel.safehouse"
    shutil.copyfile(empty_project_file, path)
    return path


@pytest.fixture
def project(project_path: Path) -> Iterator[Project]:
    opened = open_project(project_path)
    yield opened
    opened.close()


@pytest.fixture
def reopen() -> Iterator[Callable[[Project], Project]]:
    """Close a project and open it again, as a writer does the next morning."""
    opened: list[Project] = []

    def again(project: Project) -> Project:
        path = project.path
        project.close()
        opened.append(open_project(path))
        return opened[-1]

    yield again
    for project in opened:
        project.close()
