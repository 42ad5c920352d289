"""Anchors and dismissed warnings survive the portable bundle: import(export(p)) == p."""

from __future__ import annotations

import json
from pathlib import Path

from studio.export.bundle import MANIFEST, export_bundle
from studio.importers.bundle import import_bundle
from studio.services.continuity import ContinuityService
from studio.services.project import Project

from .conftest import event_ref, scene_ref


def test_anchors_round_trip(project: Project, tmp_path: Path) -> None:
    chapter = project.manuscript.add_chapter("One").id
    rooftop = project.manuscript.add_scene(chapter, "Rooftop").id
    dusk = project.manuscript.add_scene(chapter, "Dusk").id
    project.manuscript.update_scene(rooftop, story_time="14 June 2019")
    job = project.events.add_event("Macau job").id
    project.timeline.set_anchor(event_ref(job), scene_ref(rooftop), "5 years before")
    project.timeline.set_anchor(scene_ref(dusk), scene_ref(rooftop), "the same evening")
    ContinuityService(project.database).dismiss("pov-absent:1:1")

    export_bundle(project, tmp_path / "bundle")
    manifest = json.loads((tmp_path / "bundle" / MANIFEST).read_text(encoding="utf-8"))
    dusk_entry = next(s for s in manifest["scenes"] if s["id"] == dusk)
    assert (dusk_entry["anchor_scene_id"], dusk_entry["anchor_offset"]) == (
        rooftop,
        "the same evening",
    )
    assert manifest["events"][0]["anchor_scene_id"] == rooftop
    assert manifest["dismissed_warnings"] == ["pov-absent:1:1"]

    with import_bundle(tmp_path / "bundle", tmp_path / "again.safehouse") as again:
        assert again.timeline.anchors() == project.timeline.anchors()
        assert again.timeline.story_order() == project.timeline.story_order()
        evening = again.manuscript.scene(dusk).story_time
        assert evening is not None and evening.start.hour == 18
        assert ContinuityService(again.database).dismissed_keys() == ["pov-absent:1:1"]
        export_bundle(again, tmp_path / "bundle-again")
    second = json.loads((tmp_path / "bundle-again" / MANIFEST).read_text(encoding="utf-8"))
    assert second == manifest
