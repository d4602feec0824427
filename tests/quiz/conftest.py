"""Shared fixtures for the quiz tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.quiz.bank import QuestionBank, load_bank

from .helpers import QUIZ_DIR


@pytest.fixture(scope="session")
def bank() -> QuestionBank:
    return load_bank(QUIZ_DIR)


@pytest.fixture(scope="session")
def quiz_dir() -> Path:
    return QUIZ_DIR
