"""The exercise files of the security fixture course."""
