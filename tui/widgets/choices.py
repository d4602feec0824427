"""Numbered options of a choice question, with a marker column that carries the state in symbols.

While the question is open the markers show what is chosen: `(•)`/`( )` for one answer, `[x]`/`[ ]`
for several. Once answered, `✔` marks every right option and `✘` every wrong one that was chosen,
so the feedback does not depend on colour (the colours in `app.tcss` only repeat it).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.visual import VisualType
from textual.widgets import Static

from tui.messages import OptionClicked


class OptionRow(Horizontal):
    """One option: a marker cell and the option's text or code."""

    def __init__(self, number: int, body: VisualType, marker: Text, *, code: bool = False) -> None:
        """Show option `number` with `body` (plain text or highlighted code)."""
        super().__init__(classes="option -code" if code else "option")
        self.number = number
        self._body = body
        self._marker = marker

    def compose(self) -> ComposeResult:
        yield Static(self._marker, classes="marker")
        yield Static(self._body, classes="body")

    def set_marker(self, marker: Text) -> None:
        """Replace the marker cell."""
        self._marker = marker
        if self.is_mounted:
            self.query_one(".marker", Static).update(marker)

    def on_click(self, event: events.Click) -> None:
        """A click chooses this option, as its number key would."""
        event.stop()
        self.post_message(OptionClicked(self.number))


class ChoiceList(Vertical):
    """The options of a choice question, numbered from 1."""

    selected: reactive[frozenset[int]] = reactive(frozenset(), init=False)
    """The chosen option numbers."""
    right: reactive[frozenset[int] | None] = reactive(None, init=False)
    """The right option numbers once the answer is graded; None while the question is open."""

    def __init__(self, options: Sequence[VisualType], *, multiple: bool, code: bool = False, id: str | None = None) -> None:
        """Options as shown; `multiple` when several may be chosen; `code` for code options."""
        super().__init__(id=id, classes="choices")
        self._options = list(options)
        self.multiple = multiple
        self._code = code

    def compose(self) -> ComposeResult:
        for number, body in enumerate(self._options, start=1):
            yield OptionRow(number, body, self.marker(number), code=self._code)

    def marker(self, number: int) -> Text:
        """The marker cell of an option in the current state, e.g. `(•)✘ 2.`."""
        chosen = number in self.selected
        if self.multiple:
            box = "[x]" if chosen else "[ ]"
        else:
            box = "(•)" if chosen else "( )"
        if self.right is None:
            mark = " "
        elif number in self.right:
            mark = "✔"
        else:
            mark = "✘" if chosen else " "
        return Text(f"{box}{mark}{number:>2}.")

    def _refresh_markers(self) -> None:
        for row in self.query(OptionRow):
            chosen = row.number in self.selected
            row.set_marker(self.marker(row.number))
            row.set_class(chosen, "-chosen")
            row.set_class(self.right is not None and row.number in self.right, "-right")
            row.set_class(self.right is not None and chosen and row.number not in self.right, "-wrong")

    def watch_selected(self) -> None:
        self._refresh_markers()

    def watch_right(self) -> None:
        self._refresh_markers()
