"""Word .docx → blocks: heading styles, italic/bold runs, page and section breaks, tables."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from studio.importers.manuscript.blocks import Block, BlockKind
from studio.importers.manuscript.errors import ManuscriptImportError
from studio.importers.manuscript.headings import SCENE_BREAK, heading_title, label
from studio.importers.manuscript.paragraphs import join_lines
from studio.importers.manuscript.rules import HeadingRules, detect_rules, heading_levels

_HEADING_STYLE = re.compile(r"Heading (\d)$")
_PAGE_BREAK = "page"


@dataclass(frozen=True)
class _Paragraph:
    """One Word paragraph: its heading level (0 = Title style), markup pieces and breaks."""

    level: int | None
    pieces: tuple[str | None, ...]  # markup text, or None where a page break is
    break_before: bool
    break_after: bool

    @property
    def plain(self) -> str:
        return join_lines([p for p in self.pieces if p]).replace("*", "")

    @property
    def markup(self) -> str:
        return join_lines([p for p in self.pieces if p])


@dataclass(frozen=True)
class DocxContent:
    blocks: list[Block]
    rules: HeadingRules | None  # None when Word heading styles gave the structure
    core_title: str
    core_author: str


def read_docx(path: Path, heading_pattern: str | None, part_pattern: str | None) -> DocxContent:
    """The blocks of a .docx; ManuscriptImportError when it is not a readable Word file."""
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise ManuscriptImportError(
            f"Cannot import “{path.name}”: it is not a readable Word (.docx) file. "
            "Open it in Word or LibreOffice and save it again as .docx."
        ) from error
    paragraphs = list(_paragraphs(document))
    properties = document.core_properties
    title, author = properties.title or "", properties.author or ""
    styled = [p.level for p in paragraphs if p.level is not None and p.level > 0]
    if styled and heading_pattern is None:
        return DocxContent(_styled_blocks(paragraphs, styled), None, title, author)
    rules = detect_rules([p.plain for p in paragraphs], False, heading_pattern, part_pattern)
    return DocxContent(_pattern_blocks(paragraphs, rules), rules, title, author)


def _paragraphs(document: Any) -> Iterator[_Paragraph]:
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        yield _read_paragraph(paragraph)
        else:
            yield _read_paragraph(item)


def _read_paragraph(paragraph: Paragraph) -> _Paragraph:
    p = paragraph._p
    properties = p.pPr
    break_before = properties is not None and properties.find(qn("w:pageBreakBefore")) is not None
    break_after = properties is not None and properties.find(qn("w:sectPr")) is not None
    return _Paragraph(_level(paragraph), tuple(_pieces(p)), break_before, break_after)


def _level(paragraph: Paragraph) -> int | None:
    style = paragraph.style
    while style is not None:
        name = style.name or ""
        if name == "Title":
            return 0
        match = _HEADING_STYLE.match(name)
        if match:
            return int(match.group(1))
        style = style.base_style
    return None


def _pieces(p: Any) -> Iterator[str | None]:
    """Markup text of a paragraph's runs, with None at each page break."""
    runs: list[tuple[str, bool, bool]] = []
    for r in p.xpath(".//w:r"):
        italic, bold = _emphasis(r)
        for child in r.iterchildren():
            if child.tag == qn("w:t"):
                runs.append((child.text or "", italic, bold))
            elif child.tag == qn("w:tab") or child.tag in (qn("w:br"), qn("w:cr")):
                if child.get(qn("w:type")) == _PAGE_BREAK:
                    yield _markup(runs)
                    runs = []
                    yield None
                else:
                    runs.append((" ", italic, bold))
    yield _markup(runs)


def _emphasis(r: Any) -> tuple[bool, bool]:
    properties = r.rPr
    if properties is None:
        return False, False
    return _on(properties.find(qn("w:i"))), _on(properties.find(qn("w:b")))


def _on(element: Any) -> bool:
    if element is None:
        return False
    return element.get(qn("w:val")) not in ("0", "false", "off")


def _markup(runs: list[tuple[str, bool, bool]]) -> str:
    """Runs as markup: adjacent runs of one format merged, spaces kept outside the markers."""
    merged: list[tuple[str, bool, bool]] = []
    for text, italic, bold in runs:
        if merged and merged[-1][1:] == (italic, bold):
            merged[-1] = (merged[-1][0] + text, italic, bold)
        elif text:
            merged.append((text, italic, bold))
    out: list[str] = []
    for text, italic, bold in merged:
        marker = ("*" if italic else "") + ("**" if bold else "")
        core = text.strip()
        if not marker or not core:
            out.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        out.append(f"{lead}{marker}{core}{marker[::-1]}{trail}")
    return "".join(out)


def _styled_blocks(paragraphs: list[_Paragraph], styled: list[int]) -> list[Block]:
    levels = heading_levels(styled, first_is_title=False)
    levels[0] = BlockKind.TITLE
    blocks: list[Block] = []
    for paragraph in paragraphs:
        kind = levels.get(paragraph.level) if paragraph.level is not None else None
        if kind is not None and paragraph.plain:
            _with_breaks(blocks, paragraph, Block(kind, paragraph.plain))
        else:
            _text_blocks(blocks, paragraph)
    return blocks


def _pattern_blocks(paragraphs: list[_Paragraph], rules: HeadingRules) -> list[Block]:
    blocks: list[Block] = []
    for paragraph in paragraphs:
        heading = rules.heading_kind(paragraph.plain)
        if paragraph.level == 0 and paragraph.plain:
            _with_breaks(blocks, paragraph, Block(BlockKind.TITLE, paragraph.plain))
        elif heading is not None:
            kind, match = heading
            title = heading_title(match) if kind is BlockKind.CHAPTER else None
            _with_breaks(blocks, paragraph, Block(kind, title or label(paragraph.plain)))
        else:
            _text_blocks(blocks, paragraph)
    return blocks


def _with_breaks(blocks: list[Block], paragraph: _Paragraph, block: Block) -> None:
    if paragraph.break_before or None in paragraph.pieces:
        blocks.append(Block(BlockKind.BREAK, ""))
    blocks.append(block)
    if paragraph.break_after:
        blocks.append(Block(BlockKind.BREAK, ""))


def _text_blocks(blocks: list[Block], paragraph: _Paragraph) -> None:
    """A paragraph's text, split where it holds page breaks; a lone "* * *" is a break."""
    if paragraph.break_before:
        blocks.append(Block(BlockKind.BREAK, ""))
    for piece in paragraph.pieces:
        if piece is None or (piece.strip() and SCENE_BREAK.match(piece)):
            blocks.append(Block(BlockKind.BREAK, ""))
        elif text := join_lines([piece]):
            blocks.append(Block(BlockKind.TEXT, text))
    if paragraph.break_after:
        blocks.append(Block(BlockKind.BREAK, ""))
