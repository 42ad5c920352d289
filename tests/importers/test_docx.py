"""Word files made here with python-docx: heading styles, emphasis runs, page breaks."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK

from studio.importers.manuscript import read_manuscript


def add_runs(document: docx.document.Document, *runs: tuple[str, str]) -> None:
    """A paragraph of runs; each run's style is "", "i", "b" or "bi"."""
    paragraph = document.add_paragraph()
    for text, style in runs:
        run = paragraph.add_run(text)
        run.italic = "i" in style or None
        run.bold = "b" in style or None


def page_break(document: docx.document.Document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def chapters_only(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.author = "Ada Vance"
    document.add_heading("The Safehouse Papers", 0)
    document.add_paragraph("For K., who never told.")
    document.add_heading("The Letter", 1)
    add_runs(document, ("It was ", ""), ("late", "i"), (" when the ", ""), ("letter ", "b"))
    add_runs(document, ("“Burn it,” ", ""), ("she", "bi"), (" said.", ""))
    page_break(document)
    add_runs(document, ("Morning, and ", ""), ("Macau", "i"), (" was grey.", ""))
    page_break(document)  # before a chapter: layout, not a scene break
    document.add_heading("The Café", 1)
    document.add_paragraph("Sophia ordered café crème—two sugars.")
    document.add_paragraph("* * *")
    document.add_paragraph("Later.")
    document.save(str(path))
    return path


def test_docx_headings_italics_bold_and_page_breaks(tmp_path: Path) -> None:
    outline = read_manuscript(chapters_only(tmp_path / "papers.docx"))
    assert outline.title == "The Safehouse Papers"
    assert outline.author == "Ada Vance"
    assert [p.title for p in outline.parts] == [None]
    letter, cafe = outline.chapters
    assert letter.title == "The Letter"
    assert [s.body for s in letter.scenes] == [
        "It was *late* when the **letter**\n\n“Burn it,” ***she*** said.",
        "Morning, and *Macau* was grey.",
    ]
    assert cafe.title == "The Café"
    assert [s.body for s in cafe.scenes] == ["Sophia ordered café crème—two sugars.", "Later."]
    assert [s.body for s in outline.front_matter] == ["For K., who never told."]


def test_docx_heading_1_is_a_part_when_heading_2_is_used(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Part One: Macau", 1)
    document.add_heading("The Casino", 2)
    document.add_paragraph("Chips.")
    document.add_heading("The Tables", 2)
    document.add_paragraph("Cards.")
    document.add_heading("Part Two: Moscow", 1)
    document.add_heading("Snow", 2)
    document.add_paragraph("Cold.")
    path = tmp_path / "parts.docx"
    document.save(str(path))
    outline = read_manuscript(path)
    assert [(p.title, [c.title for c in p.chapters]) for p in outline.parts] == [
        ("Part One: Macau", ["The Casino", "The Tables"]),
        ("Part Two: Moscow", ["Snow"]),
    ]
    assert outline.title == "parts"


def test_docx_without_heading_styles_uses_heading_lines(tmp_path: Path) -> None:
    document = docx.Document()
    for number in (1, 2):
        document.add_paragraph(f"Chapter {number}")
        add_runs(document, ("Text ", ""), (str(number), "i"))
    path = tmp_path / "plain.docx"
    document.save(str(path))
    outline = read_manuscript(path)
    assert [c.title for c in outline.chapters] == ["Chapter 1", "Chapter 2"]
    assert [c.scenes[0].body for c in outline.chapters] == ["Text *1*", "Text *2*"]
    assert outline.heading_pattern


def test_docx_table_text_is_kept(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Before.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Codename"
    table.cell(0, 1).text = "Nightjar"
    document.add_paragraph("After.")
    path = tmp_path / "table.docx"
    document.save(str(path))
    body = read_manuscript(path).chapters[0].scenes[0].body
    assert body == "Before.\n\nCodename\n\nNightjar\n\nAfter."


def test_docx_section_break_is_a_scene_break(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Moscow", 1)
    document.add_paragraph("Snow fell.")
    document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("Spring came.")
    path = tmp_path / "sections.docx"
    document.save(str(path))
    scenes = read_manuscript(path).chapters[0].scenes
    assert [s.body for s in scenes] == ["Snow fell.", "Spring came."]
