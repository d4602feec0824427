"""A question's figure drawn with text: coloured half blocks, or plain blocks under `NO_COLOR`.

The alt sentence is always shown under the drawing (and alone while it is being drawn or when it
cannot be), so a question never depends on the picture: the specs guarantee it is answerable
from the text and this sentence.
"""

from __future__ import annotations

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from grader.quiz.figures import TextFigure
from grader.quiz.models import FigureRef

FIGURE_COLUMNS = 56
"""How many cells wide figures are drawn (they keep the aspect ratio of the PNG)."""


def figure_text(drawing: TextFigure | tuple[str, ...]) -> Text:
    """The drawing as rich text: each `▀` cell coloured top (foreground) and bottom (background)."""
    if isinstance(drawing, tuple):
        return Text("\n".join(drawing))
    text = Text()
    for index, row in enumerate(drawing.rows):
        if index:
            text.append("\n")
        for cell in row:
            text.append(cell.char, Style(color=f"rgb{cell.top}", bgcolor=f"rgb{cell.bottom}"))
    return text


class FigureView(Static):
    """The figure of a question: its drawing once a worker has made it, and always its alt text."""

    def __init__(self, figure: FigureRef) -> None:
        """Show `figure`'s alt text until `show_drawing` gives the picture."""
        super().__init__(classes="figure")
        self.figure = figure
        self.drawing: TextFigure | tuple[str, ...] | None = None
        self.update(self._caption("(drawing the figure…)"))

    def _caption(self, note: str = "") -> Text:
        caption = Text().append("Figure: ", style="bold")
        caption.append(self.figure.alt, style="italic")
        if note:
            caption.append(f" {note}", style="dim")
        return caption

    def show_drawing(self, drawing: TextFigure | tuple[str, ...]) -> None:
        """Show the drawing above the alt text."""
        self.drawing = drawing
        self.update(Group(figure_text(drawing), self._caption()))

    def show_failure(self, reason: str) -> None:
        """Keep the alt text and say why there is no drawing."""
        self.update(self._caption(f"(no drawing: {reason})"))
