"""The timeline as CSV: story order, the columns writers plan with, readable by spreadsheets."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from studio.core.errors import ExportError
from studio.export.timeline_csv import HEADER, export_timeline_csv
from studio.services.project import Project

from .conftest import scene_ref


def test_csv_rows_in_story_order(project: Project, tmp_path: Path) -> None:
    manuscript, bible = project.manuscript, project.bible
    anna = bible.add_character("Anna Leitão").id
    lisbon = bible.add_location("Lisbon").id
    drop = bible.add_thread("The drop", "espionage").id
    love = bible.add_thread("Anna and Marc", "romance").id
    one = manuscript.add_chapter("Arrival").id
    two = manuscript.add_chapter("Macau").id
    rooftop = manuscript.add_scene(one, "Rooftop").id
    macau = manuscript.add_scene(two, "The job").id
    manuscript.add_scene(two, "Undated")
    manuscript.update_scene(rooftop, story_time="2019-06-14 21:30", pov_id=anna, location_id=lisbon)
    manuscript.set_scene_threads(rooftop, [drop, love])
    project.timeline.set_anchor(scene_ref(macau), scene_ref(rooftop), "5 years before")

    path = export_timeline_csv(project, tmp_path / "timeline.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == list(HEADER)
    assert rows[1] == [
        "June 2014",
        "2014-06-16 00:00",
        "yes",
        "Macau",
        "The job",
        "",
        "",
        "",
        "5 years before 'Rooftop'",
    ]
    assert rows[2] == [
        "2019-06-14 21:30",
        "2019-06-14 21:30",
        "no",
        "Arrival",
        "Rooftop",
        "Anna Leitão",
        "Lisbon",
        "The drop; Anna and Marc",
        "",
    ]
    assert rows[3][:5] == ["", "", "", "Macau", "Undated"]


def test_csv_into_a_missing_folder_says_so(project: Project, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_timeline_csv(project, tmp_path / "nowhere" / "timeline.csv")
