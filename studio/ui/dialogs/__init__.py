"""dialogs of the writing window."""
