"""Safehouse: a desktop writing studio for spy-romance fiction."""

__version__ = "0.1.0"
