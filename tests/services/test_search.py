"""Search across the manuscript (studio.services.search)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.core.errors import ValidationError
from studio.services.project import Project, create_project
from studio.services.search import CONTEXT_CHARS, SearchHit, compile_pattern, find


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """Two parts' worth of chapters, deliberately created out of book order."""
    with create_project(tmp_path / "book.safehouse", title="Search") as project:
        manuscript = project.manuscript
        first = manuscript.add_part("One")
        second = manuscript.add_part("Two")
        late = manuscript.add_chapter("Late", part_id=second.id)
        early = manuscript.add_chapter("Early", part_id=first.id)
        manuscript.add_scene(late.id, "Ending", body="Sophia burned the letter.\nThe END.")
        manuscript.add_scene(
            early.id,
            "Meeting",
            body="Viktor met Sophia at the café.\n\nSOPHIA smiled; sophia's cover held.",
        )
        manuscript.add_scene(early.id, "Before", body="A dead drop in Vienna.", position=0)
        yield project


def _where(hits: list[SearchHit], project: Project) -> list[str]:
    titles = {s.id: s.title for s in project.manuscript.binder().scenes()}
    return [titles[h.scene_id] for h in hits]


def test_plain_search_is_case_insensitive_and_in_book_order(project: Project) -> None:
    hits = find(project, "sophia")
    assert _where(hits, project) == ["Meeting", "Meeting", "Meeting", "Ending"]
    bodies = {s.scene.id: s.body for s in project.manuscript.scene_texts()}
    assert [bodies[h.scene_id][h.start : h.end] for h in hits] == [
        "Sophia",
        "SOPHIA",
        "sophia",
        "Sophia",
    ]
    assert [h.line for h in hits] == [1, 3, 3, 1]


def test_hit_names_its_chapter(project: Project) -> None:
    chapters = {c.chapter.title: c.chapter.id for c in project.manuscript.binder().chapters()}
    (hit,) = find(project, "Vienna")
    assert hit.chapter_id == chapters["Early"]


def test_case_sensitive_search(project: Project) -> None:
    assert _where(find(project, "SOPHIA", case_sensitive=True), project) == ["Meeting"]
    assert find(project, "vienna", case_sensitive=True) == []


def test_whole_words(project: Project) -> None:
    assert len(find(project, "end")) == 1  # "END" only: whole or not, "send" is absent
    assert find(project, "soph", whole_words=True) == []
    assert len(find(project, "sophia", whole_words=True)) == 4


def test_regex_search_and_line_anchors(project: Project) -> None:
    hits = find(project, r"^\w+ (?:met|burned)", regex=True)
    assert _where(hits, project) == ["Meeting", "Ending"]
    assert len(find(project, r"d\w+ drop", regex=True)) == 1


def test_pattern_characters_are_literal_in_a_plain_search(project: Project) -> None:
    assert len(find(project, "letter.")) == 1
    assert find(project, "l.tter") == []
    assert find(project, "%") == []
    assert find(project, "_") == []


def test_non_ascii_pattern(project: Project) -> None:
    (hit,) = find(project, "CAFÉ")
    assert hit.context.endswith("café.")


def test_context_is_the_line_around_the_match(tmp_path: Path) -> None:
    body = "first line\n" + "x" * 100 + " needle " + "y" * 100 + "\nlast line"
    with create_project(tmp_path / "long.safehouse", title="Long") as project:
        chapter = project.manuscript.add_chapter("One")
        project.manuscript.add_scene(chapter.id, "Long", body=body)
        (hit,) = find(project, "needle")
    assert hit.line == 2
    assert (
        hit.context
        == "…" + "x" * (CONTEXT_CHARS - 1) + " needle " + "y" * (CONTEXT_CHARS - 1) + "…"
    )
    assert body[hit.start : hit.end] == "needle"
    assert hit.context[hit.match_at : hit.match_at + len("needle")] == "needle"


def test_where_the_match_is_in_its_context(project: Project) -> None:
    """The window shows the match near the left edge of a narrow panel: match_at must point
    at it, whether the context was cut (ellipsis, spaces dropped) or starts its line."""
    for pattern in ("CAFÉ", "letter.", "the"):
        for hit in find(project, pattern):
            shown = hit.context[hit.match_at : hit.match_at + len(pattern)]
            assert shown.lower() == pattern.lower(), (pattern, hit.context, hit.match_at)


def test_matches_never_run_across_scenes(project: Project) -> None:
    hits = find(project, r"held\.\s+A dead", regex=True)
    assert hits == []


def test_empty_matches_are_left_out(project: Project) -> None:
    assert find(project, r"z*", regex=True) == []


def test_limit(project: Project) -> None:
    assert len(find(project, "sophia", limit=2)) == 2
    assert find(project, "sophia", limit=0) == []


def test_bad_input_gets_a_clear_message(project: Project) -> None:
    with pytest.raises(ValidationError, match="not a valid regular expression"):
        find(project, "(unclosed", regex=True)
    with pytest.raises(ValidationError, match="Type something"):
        find(project, "")


def test_kelvin_sign_and_long_s_still_match_case_insensitively(tmp_path: Path) -> None:
    with create_project(tmp_path / "fold.safehouse", title="Fold") as project:
        chapter = project.manuscript.add_chapter("One")
        project.manuscript.add_scene(chapter.id, "Odd", body="The \u212aGB and the ſafe house.")
        assert len(find(project, "kgb")) == 1
        assert len(find(project, "safe")) == 1


def test_compile_pattern_matches_what_find_finds(project: Project) -> None:
    pattern = compile_pattern("sophia", whole_words=True)
    text = "\n".join(s.body for s in project.manuscript.scene_texts())
    assert len(pattern.findall(text)) == len(find(project, "sophia", whole_words=True))
