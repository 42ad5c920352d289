"""panels of the writing window."""
