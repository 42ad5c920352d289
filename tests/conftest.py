"""Shared fixtures. Qt tests run offscreen; the platform is chosen here, not by hand."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parents[1]
MANUSCRIPTS = REPO_ROOT.parent / "shared" / "manuscripts"


@pytest.fixture(scope="session")
def manuscripts_dir() -> Path:
    """../shared/manuscripts: the real manuscripts tests read (never copied into the repo)."""
    if not (MANUSCRIPTS / "novels").is_dir():
        pytest.fail(
            f"The shared manuscripts are missing: expected them at {MANUSCRIPTS} "
            "(the shared/ folder beside this repository)."
        )
    return MANUSCRIPTS
