"""widgets of the writing window."""
