"""`studio check` as a writer runs it: exit 0 on a clean book, 1 naming the scene otherwise."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from studio.importers.bundle import import_bundle
from studio.services.project import open_project

SAMPLE = Path(__file__).resolve().parents[2] / "projects" / "the-lisbon-drop"


def _studio(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args], cwd=cwd, capture_output=True, text=True
    )


def test_check_spelling_and_continuity_of_a_clean_then_a_broken_sample(tmp_path: Path) -> None:
    path = tmp_path / "lisbon.safehouse"
    with import_bundle(SAMPLE, path) as project:
        binder = project.manuscript.binder()
        first, second = binder.scenes()[0], binder.scenes()[1]
        pov = first.pov_id
    clean = _studio("check", str(path), cwd=tmp_path)
    assert clean.returncode == 0, clean.stderr
    assert "no misspellings" in clean.stdout
    clean_continuity = _studio("check", str(path), "--continuity", cwd=tmp_path)
    assert clean_continuity.returncode == 0
    assert "no continuity warnings" in clean_continuity.stdout

    with open_project(path) as project:
        body = project.manuscript.scene(first.id).body
        project.manuscript.set_scene_body(first.id, body + "\n\nA teh list.")
        # The first scene's narrator put in a second place at the same moment.
        project.manuscript.update_scene(second.id, story_time=first.story_time)
        present = project.manuscript.scene(second.id).character_ids
        assert pov is not None
        project.manuscript.set_scene_characters(second.id, {*present, pov})

    typo = _studio("check", str(path), cwd=tmp_path)
    assert typo.returncode == 1
    assert "1 misspelling" in typo.stdout
    assert f"“{first.title}”" in typo.stdout and "teh" in typo.stdout
    as_json = _studio("check", str(path), "--json", cwd=tmp_path)
    record = json.loads(as_json.stdout.splitlines()[0])
    assert record["word"] == "teh" and record["scene_id"] == first.id
    assert "the" in record["suggestions"]

    continuity = _studio("check", str(path), "--continuity", cwd=tmp_path)
    assert continuity.returncode == 1
    assert "two places at once" in continuity.stdout
    assert f"'{first.title}'" in continuity.stdout and f"'{second.title}'" in continuity.stdout
