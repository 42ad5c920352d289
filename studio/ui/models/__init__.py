"""models of the writing window."""
