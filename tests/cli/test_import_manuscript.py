"""`studio import FILE` for a manuscript, run as a user runs it: in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from studio.services.project import open_project

NOVEL = "novels/thirty-nine-steps.txt"
STORY = "stories/harley-and-viktor.txt"


def studio(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def counts(path: Path) -> tuple[int, int, list[str]]:
    with open_project(path, read_only=True) as project:
        binder = project.manuscript.binder()
        cast = [c.display_name for c in project.bible.characters()]
        return len(binder.chapters()), len(binder.scenes()), cast


def test_a_novel_becomes_a_project_with_its_cast(manuscripts_dir: Path, tmp_path: Path) -> None:
    result = studio("import", str(manuscripts_dir / NOVEL), "-o", "steps.safehouse", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "10 chapters" in result.stdout
    assert "Characters added to the bible: Scudder" in result.stdout
    chapters, scenes, cast = counts(tmp_path / "steps.safehouse")
    assert (chapters, scenes) == (10, 10)
    assert "Hannay" in cast
    assert "I’ll" not in cast


def test_characters_none_leaves_the_bible_empty(manuscripts_dir: Path, tmp_path: Path) -> None:
    source = str(manuscripts_dir / NOVEL)
    result = studio("import", source, "-o", "s.safehouse", "--characters", "none", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Characters added" not in result.stdout
    assert counts(tmp_path / "s.safehouse") == (10, 10, [])


def test_a_story_is_one_scene_named_after_its_file(manuscripts_dir: Path, tmp_path: Path) -> None:
    result = studio("import", str(manuscripts_dir / STORY), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    chapters, scenes, cast = counts(tmp_path / "harley-and-viktor.safehouse")
    assert (chapters, scenes) == (1, 1)
    assert {"Harley Kalmurzaeva", "Viktor"} <= set(cast)


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \r\n\r\n\t\r\n", "empty"),
    ],
)
def test_a_bad_file_gets_one_line_and_creates_nothing(
    tmp_path: Path, name: str, content: bytes, says: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    result = studio("import", str(source), "-o", "out.safehouse", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("studio: ")
    assert name in lines[0] and says in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_missing_file_gets_one_line(tmp_path: Path) -> None:
    result = studio("import", "nowhere.txt", "-o", "out.safehouse", cwd=tmp_path)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert "nowhere.txt" in result.stderr
    assert list(tmp_path.iterdir()) == []
