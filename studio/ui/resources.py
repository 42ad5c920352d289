"""Finding the files the window ships with: themes, icons and the sample project.

Installed, they sit inside the package (studio/resources); in a checkout they are the repository's
top-level resources/ and projects/ folders. Nothing here touches Qt.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[1]  # studio/
REPO_ROOT = PACKAGE_ROOT.parent
SAMPLE_NAME = "the-lisbon-drop"
# studio.storage.database.PROJECT_SUFFIX, repeated so that the window need not import SQLAlchemy
# before its first paint (tests/ui/test_files.py checks that the two agree).
PROJECT_SUFFIX = ".safehouse"


def resources_dir() -> Path:
    """The folder of themes/ and icons/: in the package when shipped there, else the repo's.

    Found beside this file rather than through importlib.resources, whose import costs the
    window's first paint ~5 ms: the package is always a folder on disk (QSS and SVG files are
    read by path)."""
    packaged = PACKAGE_ROOT / "resources"
    if (packaged / "themes").is_dir():
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
