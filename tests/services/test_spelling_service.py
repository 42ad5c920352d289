"""The project's spell checking: the sample is clean, typos are found, choices persist."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.importers.bundle import import_bundle
from studio.services.project import Project, open_project
from studio.services.spelling import SpellingService

SAMPLE = Path(__file__).resolve().parents[2] / "projects" / "the-lisbon-drop"


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[Project]:
    project = import_bundle(SAMPLE, tmp_path / "lisbon.safehouse")
    yield project
    project.close()


def _first_scene(project: Project) -> int:
    return project.manuscript.binder().scenes()[0].id


def test_the_sample_has_no_misspelling_not_even_a_name(sample: Project) -> None:
    assert SpellingService(sample).check_project() == []


def test_a_planted_typo_is_found_with_its_place_and_the_right_suggestion(sample: Project) -> None:
    scene_id = _first_scene(sample)
    body = sample.manuscript.scene(scene_id).body
    sample.manuscript.set_scene_body(scene_id, body + "\n\nShe did not recieve the list.")
    issues = SpellingService(sample).check_project()
    assert [i.word for i in issues] == ["recieve"]
    issue = issues[0]
    assert issue.chapter_number == 1
    assert issue.scene_id == scene_id
    assert issue.line == body.count("\n") + 3
    assert issue.column == len("She did not ") + 1
    assert issue.suggestions[0] == "receive"


def test_a_word_added_to_the_project_dictionary_persists_in_the_file(sample: Project) -> None:
    scene_id = _first_scene(sample)
    body = sample.manuscript.scene(scene_id).body
    sample.manuscript.set_scene_body(scene_id, body + "\n\nThe zavtrak was cold.")
    spelling = SpellingService(sample)
    assert [i.word for i in spelling.check_project()] == ["zavtrak"]
    spelling.add_to_dictionary("zavtrak")
    assert spelling.check_project() == []
    path = sample.path
    sample.close()
    with open_project(path) as reopened:
        assert "zavtrak" in reopened.dictionary.words()
        assert SpellingService(reopened).check_project() == []


def test_a_new_character_is_accepted_once_the_cast_is_refreshed(sample: Project) -> None:
    scene_id = _first_scene(sample)
    body = sample.manuscript.scene(scene_id).body
    sample.manuscript.set_scene_body(scene_id, body + "\n\nKalmurzaeva’s coat was wet.")
    spelling = SpellingService(sample)
    assert [i.word for i in spelling.check_project()] == ["Kalmurzaeva’s"]
    sample.bible.add_character("Harley", family_name="Kalmurzaeva")
    spelling.refresh_cast()
    assert spelling.check_project() == []


def test_settings_persist_and_genre_words_can_be_turned_off(sample: Project) -> None:
    scene_id = _first_scene(sample)
    body = sample.manuscript.scene(scene_id).body
    sample.manuscript.set_scene_body(scene_id, body + "\n\nThe exfil was set for dawn.")
    spelling = SpellingService(sample)
    assert spelling.check_project() == []
    spelling.set_genre_words(False)
    assert [i.word for i in spelling.check_project()] == ["exfil"]
    assert SpellingService(sample).settings().genre_words is False
