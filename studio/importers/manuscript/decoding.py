"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, Windows-1252 as a fallback."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from studio.importers.manuscript.errors import ManuscriptImportError

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_UTF16_32 = frozenset({"utf-16", "utf-32"})  # CR and LF are more than one byte in these
# Control characters that never occur in a text file (tab, line feed, form feed, CR excepted).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LONE_CR = re.compile(rb"\r(?!\n)")  # a CR that is not a CRLF's (an old Mac's line end)
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a zip archive (a Word .docx file has this form: give it the .docx ending)"),
    (b"%PDF", "a PDF"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "an old Word .doc file"),
)
_WHAT_TO_DO = (
    "Save the manuscript as plain text (.txt), Markdown (.md) or Word (.docx) and import that."
)


@dataclass(frozen=True)
class DecodedText:
    """Text with line endings made "\\n", the encoding's name as shown to people, and notices."""

    text: str
    encoding: str
    notices: tuple[str, ...]


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_manuscript(data: bytes, path: Path) -> DecodedText:
    """Decode a text manuscript, or raise ManuscriptImportError naming path and what to do."""
    text, encoding, notices = _decode(data, path)
    if text.startswith("\ufeff"):
        text = text[1:]
    text = normalise_newlines(text)
    if not text or text.isspace():
        raise ManuscriptImportError(
            f"“{path.name}” is empty: there is no text to import. "
            "Choose the file that holds your manuscript."
        )
    if _looks_binary(text):
        raise _binary(path, data)
    return DecodedText(text, encoding, notices)


def _decode(data: bytes, path: Path) -> tuple[str, str, tuple[str, ...]]:
    # A PDF or RTF file may be all printable bytes (an RTF file often is): it is known by how it
    # begins, not read as text full of markup.
    if data.startswith(tuple(signature for signature, _ in _SIGNATURES)):
        raise _binary(path, data)
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return _decoded(data, codec), label, ()
            except UnicodeDecodeError as error:
                raise _undecodable(path, label, error) from error
    if b"\x00" in data:
        if _utf16_without_bom(data) and not data.startswith(tuple(s for s, _ in _SIGNATURES)):
            raise ManuscriptImportError(
                f"Cannot import “{path.name}”: it looks like UTF-16 text without a byte-order "
                "mark. Save it again as UTF-8 (or as UTF-16 with BOM) and import that."
            )
        raise _binary(path, data)
    try:
        return _decoded(data, "utf-8"), "UTF-8", ()
    except UnicodeDecodeError:
        pass
    try:
        text = _decoded(data, "cp1252")
    except UnicodeDecodeError as error:
        raise _undecodable(path, "UTF-8 or Windows-1252", error) from error
    notice = (
        "Read as Windows-1252 (not UTF-8): check accented letters and curly quotes in the preview."
    )
    return text, "Windows-1252", (notice,)


def _decoded(data: bytes, codec: str) -> str:
    """data decoded; for UTF-8 and Windows-1252, a Windows file's CRLFs made LF in the bytes
    first (half the work of doing it in the text). An error is raised as decoding data itself
    raises it."""
    # A one-byte search stops at the first CR; b"\r\n" in a file without one (Unix) is a
    # two-byte search of all of it (~3 ms for 3 MB).
    if codec in _UTF16_32 or b"\r" not in data:
        return data.decode(codec)
    # When every CR is a CRLF's (a Windows file), leaving the CRs out makes CRLF LF: a byte
    # dropped in one pass, where replacing CRLF is a search and a copy per line (~3x the time).
    # The regex that finds a lone CR is ~2x faster than data.count(b"\r\n") (a two-byte count).
    # Lone CRs (an old Mac's line ends) are made LF in the text.
    lone_cr = _LONE_CR.search(data) is not None
    newlines = data.replace(b"\r\n", b"\n") if lone_cr else data.replace(b"\r", b"")
    try:
        return newlines.decode(codec)
    except UnicodeDecodeError:
        return data.decode(codec)  # raises, at the byte of data itself


def _utf16_without_bom(data: bytes) -> bool:
    """Is every other byte NUL, as in English text written as UTF-16?"""
    sample = data[:4096]
    half = len(sample) // 2
    return half > 0 and max(sample[0::2].count(0), sample[1::2].count(0)) >= half * 0.9


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    return controls > max(2, len(sample) // 1000)


def _binary(path: Path, data: bytes) -> ManuscriptImportError:
    kind = "a binary file, not text"
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            kind = f"{name}, not text"
    return ManuscriptImportError(f"Cannot import “{path.name}”: it is {kind}. {_WHAT_TO_DO}")


def _undecodable(path: Path, tried: str, error: UnicodeDecodeError) -> ManuscriptImportError:
    return ManuscriptImportError(
        f"Cannot import “{path.name}”: it is not readable as {tried} text "
        f"(byte {error.start}). Save it again as UTF-8 text in your editor and import that."
    )
