"""grade: a self-grading exercise and quiz framework for a deep-learning-fundamentals course."""

__version__ = "0.1.0"
