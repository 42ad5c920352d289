"""The one error a manuscript import raises for a file it cannot read."""

from __future__ import annotations

from studio.core.errors import ValidationError


class ManuscriptImportError(ValidationError):
    """A manuscript file that cannot be imported; the message names the file and what to do."""


class HeadingPatternError(ManuscriptImportError):
    """A heading pattern the writer edited is not a valid regular expression."""
