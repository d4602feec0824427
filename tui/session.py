"""The app's data comes from the core's application layer; this module adds what only the app draws.

Screens read and write through one `grader.coursework.session.Session`. `draw_figure` renders a
question's figure as text (matplotlib, slow the first time: meant for worker threads).
"""

from __future__ import annotations

from pathlib import Path

from grader.coursework.grading import APP_COMMAND, grade_and_record
from grader.coursework.session import Clock, ExerciseRow, HistoryEntry, ReviewPlan, Session, TopicRow, utc_now
from grader.quiz.figures import TextFigure, monochrome_figure, render_figure, text_figure
from grader.quiz.models import FigureRef

__all__ = [
    "APP_COMMAND", "Clock", "ExerciseRow", "HistoryEntry", "ReviewPlan", "Session", "TopicRow",
    "draw_figure", "grade_and_record", "utc_now",
]


def draw_figure(
    figure: FigureRef, *, source_dir: Path, cache_dir: Path, columns: int, monochrome: bool
) -> TextFigure | tuple[str, ...]:
    """A question's figure as text `columns` wide: coloured half-block cells, or plain lines when
    `monochrome` (for `NO_COLOR`). Slow the first time (matplotlib); meant for worker threads."""
    png = render_figure(figure.name, figures_dir=source_dir, cache_dir=cache_dir)
    return monochrome_figure(png, columns=columns) if monochrome else text_figure(png, columns=columns)
