"""Replace All in the book, and its undo (studio.services.search)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.core.errors import ReadOnlyProjectError, ValidationError
from studio.core.text import count_words
from studio.services.project import Project, create_project, open_project
from studio.services.search import MatchCount, count_matches, find, replace_all, undo_replace

MEETING = "Sasha met Viktor at the café.\n\n*Sasha* smiled; SASHA's cover held. Sashenka waved."
ENDING = "Sasha burned the letter.\nThe END of Sasha."
QUIET = "A dead drop in Vienna, 14 June 2019."


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with create_project(tmp_path / "book.safehouse", title="Replace") as project:
        manuscript = project.manuscript
        one = manuscript.add_chapter("One")
        two = manuscript.add_chapter("Two")
        manuscript.add_scene(one.id, "Meeting", body=MEETING)
        manuscript.add_scene(one.id, "Quiet", body=QUIET)
        manuscript.add_scene(two.id, "Ending", body=ENDING)
        yield project


def _bodies(project: Project) -> dict[str, str]:
    return {s.scene.title: s.body for s in project.manuscript.scene_texts()}


def _stored_words(project: Project) -> dict[str, int]:
    return {s.title: s.word_count for s in project.manuscript.binder().scenes()}


def test_replaces_in_every_scene_and_keeps_the_rest(project: Project) -> None:
    assert count_matches(project, "sasha", whole_words=True) == MatchCount(5, 2)
    result = replace_all(project, "Sasha", "Sascha", whole_words=True)
    assert (result.matches, result.scenes) == (5, 2)
    bodies = _bodies(project)
    assert bodies["Meeting"] == (
        "Sascha met Viktor at the café.\n\n*Sascha* smiled; Sascha's cover held. Sashenka waved."
    )
    assert bodies["Ending"] == "Sascha burned the letter.\nThe END of Sascha."
    assert bodies["Quiet"] == QUIET
    assert find(project, "sasha", whole_words=True) == []


def test_case_whole_words_and_plain_text(project: Project) -> None:
    assert replace_all(project, "SASHA", "Alex", case_sensitive=True).matches == 1
    assert "Alex's cover" in _bodies(project)["Meeting"]
    assert "*Sasha* smiled" in _bodies(project)["Meeting"]
    # Not whole words: the start of "Sashenka" is a match too.
    assert replace_all(project, "sash", "Mash").matches == 5
    assert "Mashenka waved" in _bodies(project)["Meeting"]
    # A plain search and replacement are literal: no pattern, no group references.
    assert replace_all(project, "2019.", r"\1 (a Friday).").matches == 1
    assert _bodies(project)["Quiet"] == r"A dead drop in Vienna, 14 June \1 (a Friday)."


def test_regex_with_groups(project: Project) -> None:
    result = replace_all(project, r"(\d+) (June) (\d{4})", r"\2 \1, \3", regex=True)
    assert result.matches == 1
    assert _bodies(project)["Quiet"] == "A dead drop in Vienna, June 14, 2019."
    replace_all(project, r"^(?P<who>\w+) burned", r"\g<who> kept", regex=True)
    assert _bodies(project)["Ending"].startswith("Sasha kept the letter.")


def test_markup_is_kept_unless_the_pattern_matches_it(project: Project) -> None:
    replace_all(project, "Sasha", "Sascha")
    assert "*Sascha* smiled" in _bodies(project)["Meeting"]
    replace_all(project, r"\*(\w+)\*", r"\1", regex=True)
    assert "Sascha smiled" in _bodies(project)["Meeting"]


def test_word_counts_stay_right(project: Project) -> None:
    replace_all(project, "Sasha", "Sasha Ivanovna Petrova", whole_words=True)
    replace_all(project, "the letter", "it")
    words = _stored_words(project)
    bodies = _bodies(project)
    assert words == {title: count_words(body) for title, body in bodies.items()}
    assert words["Ending"] == count_words(ENDING) + 2 * 2 - 1


def test_undo_restores_byte_identical_bodies_and_counts(project: Project) -> None:
    before = _bodies(project)
    words = _stored_words(project)
    result = replace_all(project, "sasha", "Sascha")
    assert _bodies(project) != before
    undone = undo_replace(project, result)
    assert undone.kept == () and len(undone.words) == 2
    assert _bodies(project) == before
    assert _stored_words(project) == words


def test_undo_leaves_a_scene_edited_since_as_it_is(project: Project) -> None:
    result = replace_all(project, "Sasha", "Sascha")
    ending = next(s for s in project.manuscript.binder().scenes() if s.title == "Ending")
    newer = "Sascha burned the letter, and the envelope."
    project.manuscript.set_scene_body(ending.id, newer)
    undone = undo_replace(project, result)
    assert undone.kept == (ending.id,)
    assert _bodies(project)["Ending"] == newer
    assert _bodies(project)["Meeting"] == MEETING


def test_nothing_matched_changes_nothing(project: Project) -> None:
    before = _bodies(project)
    result = replace_all(project, "zeppelin", "airship")
    assert (result.matches, result.scenes) == (0, 0)
    assert count_matches(project, "zeppelin") == MatchCount(0, 0)
    # An empty match is no match: nothing is inserted between the letters.
    assert replace_all(project, "x*", "-", regex=True).matches == 0
    assert _bodies(project) == before


def test_bad_patterns_and_replacements_change_nothing(project: Project) -> None:
    before = _bodies(project)
    with pytest.raises(ValidationError, match="not a valid regular expression"):
        replace_all(project, "(unclosed", "x", regex=True)
    with pytest.raises(ValidationError, match="replacement"):
        replace_all(project, "Sasha", r"\2", regex=True)
    with pytest.raises(ValidationError):
        replace_all(project, "", "x")
    assert _bodies(project) == before


def test_a_read_only_project_is_not_changed(project: Project) -> None:
    path = project.path
    project.close()
    with open_project(path, read_only=True) as read_only:
        with pytest.raises(ReadOnlyProjectError):
            replace_all(read_only, "Sasha", "Sascha")
        assert _bodies(read_only)["Meeting"] == MEETING
