"""Reports of a grading run: a rich table for people, JSON, JUnit XML and Gradescope for machines."""

from __future__ import annotations

from typing import Literal

Format = Literal["text", "json", "junit", "gradescope"]
