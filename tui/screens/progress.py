"""The progress screen: per-topic bars for exercises and quizzes, then the history."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.session import Session
from tui.widgets.history import HistoryView
from tui.widgets.topic_bars import TopicBars

HISTORY_LENGTH = 30
"""How many past events the history shows."""


class ProgressScreen(Screen[None]):
    """Where the student stands, per topic and over time."""

    BINDINGS = [Binding("escape", "back", "back")]

    def __init__(self, session: Session) -> None:
        """The progress of `session`'s workspace."""
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static(Text(" Progress", style="bold"), id="title", classes="title")
        with VerticalScroll(id="progress"):
            yield TopicBars()
            yield Static(Text("History", style="bold"), classes="heading")
            yield HistoryView()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TopicBars).show(self.session.topic_rows())
        self.query_one(HistoryView).show(self.session.history(HISTORY_LENGTH), self.session.clock())
        self.query_one("#progress").focus()

    def action_back(self) -> None:
        """Back to the course map."""
        self.dismiss()
