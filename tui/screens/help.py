"""The help overlay: the keys of the screen it was opened from, and the answer formats."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

ANSWER_FORMATS: tuple[tuple[str, str], ...] = (
    ("choice", "number keys choose (several answers: they toggle), Enter submits; or click"),
    ("true/false", "1 true, 2 false"),
    ("numbers", "0.25, 1/4, 25%, -3e-2; shapes 7x7 or (7, 7); several numbers (1, 2, 3)"),
    ("expressions", "2(x + y), x^2 or x**2, exp(-x), sigmoid(x); * may be left out"),
    ("matching", "item number and letter: 1b,2a,3c (or 1-b 2-a 3-c)"),
    ("ordering", "step numbers in order: 3,1,2,4"),
    ("free text", "write a sentence or two, Enter shows the model answer, rate yourself 1-3"),
)
"""How each kind of question is answered, as the help lists it."""

GLOBAL_KEYS: tuple[tuple[str, str], ...] = (
    ("? or F1", "this help (F1 also while typing an answer)"),
    ("ctrl+q", "quit from any screen (q on the course map)"),
)
"""Keys that work everywhere."""


class HelpScreen(ModalScreen[None]):
    """Key bindings of the screen underneath, and how to type answers."""

    BINDINGS = [
        Binding("escape", "close", "close"),
        Binding("question_mark", "close", "close", show=False),
        Binding("f1", "close", "close", show=False),
        Binding("q", "close", "close", show=False),
    ]

    def __init__(self, title: str, keys: Sequence[tuple[str, str]]) -> None:
        """Help for the screen called `title`, whose keys and what they do are `keys`."""
        super().__init__()
        self.help_title = title
        self.keys = list(keys)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self._content())

    def on_mount(self) -> None:
        panel = self.query_one("#help")
        panel.border_title = f"Help · {self.help_title}"
        panel.border_subtitle = "esc closes"
        panel.focus()

    def _content(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_row(Text("Keys here", style="bold underline"), "")
        for key, description in [*self.keys, *GLOBAL_KEYS]:
            table.add_row(key, description)
        table.add_row("", "")
        table.add_row(Text("Answers", style="bold underline"), "")
        for kind, how in ANSWER_FORMATS:
            table.add_row(kind, how)
        return table

    def action_close(self) -> None:
        """Close the overlay."""
        self.dismiss()
