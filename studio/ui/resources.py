"""Finding the files the window ships with: themes, icons and the sample project.

Installed, they sit inside the package (studio/resources); in a checkout they are the repository's
top-level resources/ and projects/ folders. Nothing here touches Qt.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_NAME = "the-lisbon-drop"
# studio.storage.database.PROJECT_SUFFIX, repeated so that the window need not import SQLAlchemy
# before its first paint (tests/ui/test_files.py checks that the two agree).
PROJECT_SUFFIX = ".safehouse"


def resources_dir() -> Path:
    """The folder of themes/ and icons/: in the package when shipped there, else the repo's."""
    try:
        packaged = Path(str(resources.files("studio") / "resources"))
    except (ModuleNotFoundError, TypeError):
        packaged = None
    if packaged is not None and (packaged / "themes").is_dir():
        return packaged
    return REPO_ROOT / "resources"


def theme_path(name: str) -> Path:
    return resources_dir() / "themes" / f"{name}.qss"


def icons_dir() -> Path:
    return resources_dir() / "icons"


def icon_path(name: str) -> Path:
    return icons_dir() / f"{name}.svg"


def sample_bundle_dir() -> Path | None:
    """The sample project's bundle folder, or None when this installation has none."""
    candidates = [REPO_ROOT / "projects" / SAMPLE_NAME, resources_dir() / "projects" / SAMPLE_NAME]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None
