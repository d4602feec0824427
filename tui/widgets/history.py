"""The history: graded exercises and answered questions, newest first, with relative times."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich import box
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from tui.formatting import BAD, GOOD, ago, clip
from tui.session import HistoryEntry

SUBJECT_WIDTH = 26


def history_table(entries: Sequence[HistoryEntry], now: datetime) -> Table | Text:
    """One row per event: when, what, which, outcome (symbol and words), score."""
    if not entries:
        return Text("Nothing yet: answer a question or grade an exercise.", style="dim")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    table.add_column("when", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("exercise or question", no_wrap=True, width=SUBJECT_WIDTH)
    table.add_column("outcome", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    for entry in entries:
        outcome = Text(("✔ " if entry.passed else "✘ ") + entry.outcome, style=GOOD if entry.passed else BAD)
        table.add_row(
            ago(entry.when, now), entry.kind, clip(entry.subject, SUBJECT_WIDTH), outcome, entry.score
        )
    return table


class HistoryView(Static):
    """The history table; `show` redraws it."""

    def __init__(self) -> None:
        super().__init__(id="history")

    def show(self, entries: Sequence[HistoryEntry], now: datetime) -> None:
        """Draw `entries` with times relative to `now`."""
        self.update(history_table(entries, now))
