"""Widgets of the app that need more than a few lines, one module each."""
