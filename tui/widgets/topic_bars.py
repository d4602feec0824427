"""Per-topic progress bars: exercise points and quiz mastery, each with its numbers beside it."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from tui.formatting import clip, counted_bar
from tui.session import TopicRow

TOPIC_WIDTH = 30
BAR_WIDTH = 10


def topic_table(rows: Sequence[TopicRow]) -> Table:
    """One row per topic: exercise points, quiz mastery and the share of the topic done."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    table.add_column("topic", no_wrap=True, width=TOPIC_WIDTH)
    table.add_column("exercise points", no_wrap=True)
    table.add_column("questions mastered", no_wrap=True)
    table.add_column("done", justify="right", no_wrap=True)
    for row in rows:
        progress = row.progress
        mastery = row.mastery
        table.add_row(
            clip(progress.title, TOPIC_WIDTH),
            counted_bar(progress.score, progress.max_score, BAR_WIDTH),
            counted_bar(mastery.mastered, mastery.questions, BAR_WIDTH),
            Text(f"{progress.fraction:.0%}"),
        )
    return table


class TopicBars(Static):
    """The per-topic table; `show` redraws it."""

    def __init__(self) -> None:
        super().__init__(id="topics")

    def show(self, rows: Sequence[TopicRow]) -> None:
        """Draw `rows`."""
        self.update(topic_table(rows))
