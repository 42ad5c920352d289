"""Typed errors. Every message is one line a writer can act on: what happened, what to do."""

from __future__ import annotations


class SafehouseError(Exception):
    """Base of every error a user may see; str(error) is the whole message."""


class ProjectFileError(SafehouseError):
    """The project file cannot be opened as asked."""


class ProjectNotFoundError(ProjectFileError):
    pass


class NotSQLiteError(ProjectFileError):
    pass


class NotAProjectError(ProjectFileError):
    pass


class DamagedProjectError(ProjectFileError):
    pass


class NewerVersionError(ProjectFileError):
    pass


class OlderVersionError(ProjectFileError):
    """An older file opened read-only: it must be opened for writing once to be upgraded."""


class ProjectLockedError(ProjectFileError):
    pass


class ProjectExistsError(ProjectFileError):
    pass


class ReadOnlyProjectError(SafehouseError):
    pass


class NotFoundError(SafehouseError):
    """A part, chapter, scene, character… that does not exist (any more)."""


class ValidationError(SafehouseError):
    """A value the writer gave cannot be used as it is."""


class StoryTimeError(ValidationError):
    pass


class BundleError(SafehouseError):
    """A portable bundle folder is missing, incomplete or inconsistent."""


class ExportError(SafehouseError):
    pass
