"""Files that cannot be imported get one clear message; odd but valid encodings are read."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.importers.manuscript import (
    HeadingPatternError,
    ManuscriptImportError,
    read_manuscript,
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def body(path: Path) -> str:
    return "\n\n".join(scene.body for scene in read_manuscript(path).scenes())


def test_binary_file_is_refused_naming_it(tmp_path: Path) -> None:
    path = write(tmp_path, "draft.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ManuscriptImportError, match=r"“draft\.txt”.*binary.*\.txt.*\.docx"):
        read_manuscript(path)


def test_binary_without_nul_bytes_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "noise.txt", bytes(range(1, 32)) * 40)
    with pytest.raises(ManuscriptImportError, match="binary"):
        read_manuscript(path)


def test_word_file_with_a_txt_ending_is_named_as_such(tmp_path: Path) -> None:
    path = write(tmp_path, "novel.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 30)
    with pytest.raises(ManuscriptImportError, match=r"zip archive.*\.docx"):
        read_manuscript(path)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" * 20, "a PDF"),
        (b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0 Chapter One\\par }\n", "an RTF"),
    ],
)
def test_pdf_or_rtf_in_plain_characters_is_named_as_such(
    tmp_path: Path, data: bytes, kind: str
) -> None:
    path = write(tmp_path, "manuscript.txt", data)
    with pytest.raises(ManuscriptImportError, match=rf"it is {kind}.*Save the manuscript as"):
        read_manuscript(path)


@pytest.mark.parametrize("data", [b"", b"   \r\n\t\n  \r", b"\xef\xbb\xbf\n\n"])
def test_empty_file_is_refused(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "empty.txt", data)
    with pytest.raises(ManuscriptImportError, match=r"“empty\.txt” is empty"):
        read_manuscript(path)


def test_undecodable_file_is_refused(tmp_path: Path) -> None:
    # 0x81 and 0x8D are neither UTF-8 nor Windows-1252.
    path = write(tmp_path, "odd.txt", b"Chapter 1\n\nIt was \x81\x8d dark.\n")
    with pytest.raises(ManuscriptImportError, match=r"“odd\.txt”.*not readable.*UTF-8"):
        read_manuscript(path)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom_are_read(tmp_path: Path, codec: str) -> None:
    text = "Chapter 1\r\n\r\nShe said “hé”—and left.\r\n\r\n* * *\r\n\r\nLater.\r\n"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    outline = read_manuscript(write(tmp_path, "wide.txt", data))
    assert outline.encoding == ("UTF-32" if codec == "utf-32" else "UTF-16")
    assert [s.body for s in outline.chapters[0].scenes] == ["She said “hé”—and left.", "Later."]
    assert outline.notices == ()


def test_utf8_with_and_without_bom(tmp_path: Path) -> None:
    text = "Café “crème”.\n"
    assert body(write(tmp_path, "a.txt", text.encode())) == "Café “crème”."
    assert body(write(tmp_path, "b.txt", b"\xef\xbb\xbf" + text.encode())) == "Café “crème”."


def test_windows_1252_fallback_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "legacy.txt", b"Caf\xe9 \x93cr\xe8me\x94 \x96 na\xefve.\r\n")
    outline = read_manuscript(path)
    assert outline.encoding == "Windows-1252"
    assert any("Windows-1252 (not UTF-8)" in notice for notice in outline.notices)
    assert outline.chapters[0].scenes[0].body == "Café “crème” – naïve."


def test_cr_only_line_endings(tmp_path: Path) -> None:
    data = b"Chapter 1\r\rThe first line\rwrapped here.\r\rA second paragraph.\r"
    outline = read_manuscript(write(tmp_path, "mac.txt", data))
    assert outline.chapters[0].scenes[0].body == (
        "The first line wrapped here.\n\nA second paragraph."
    )


@pytest.mark.parametrize("codec", ["utf-8", "cp1252"])
def test_windows_and_mixed_line_endings(tmp_path: Path, codec: str) -> None:
    lines = ["Chapter 1", "", "The first line", "wrapped here.", "", "A second café.", ""]
    expected = "The first line wrapped here.\n\nA second café."
    text = "\r\n".join(lines)
    mixed = "Chapter 1\r\n\rThe first line\nwrapped here.\r\n\r\nA second café.\r"
    for name, data in (("windows.txt", text), ("mixed.txt", mixed), ("crlfcr.txt", text + "\r")):
        outline = read_manuscript(write(tmp_path, name, data.encode(codec)))
        assert outline.chapters[0].scenes[0].body == expected


def test_missing_file_and_unsupported_format(tmp_path: Path) -> None:
    with pytest.raises(ManuscriptImportError, match="no such file"):
        read_manuscript(tmp_path / "nowhere.txt")
    with pytest.raises(ManuscriptImportError, match=r"“old\.doc”.*old Word \.doc.*\.docx"):
        read_manuscript(write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0"))


def test_broken_docx_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.docx", b"this is not a zip")
    with pytest.raises(ManuscriptImportError, match=r"“broken\.docx”.*not a readable Word"):
        read_manuscript(path)


def test_invalid_heading_pattern_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"Chapter 1\n\nText.\n")
    with pytest.raises(HeadingPatternError, match="not a valid regular expression"):
        read_manuscript(path, heading_pattern="Chapter (")


def test_utf16_without_bom_is_named_as_such(tmp_path: Path) -> None:
    path = write(tmp_path, "wide.txt", "Chapter 1\r\n\r\nText.\r\n".encode("utf-16-le"))
    with pytest.raises(ManuscriptImportError, match=r"“wide\.txt”.*UTF-16.*without a byte-order"):
        read_manuscript(path)
