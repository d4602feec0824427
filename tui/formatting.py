"""Small text helpers shared by the screens (rich only, no Textual), and the app's text styles.

Nothing relies on colour alone: every status has a symbol and a word, and every bar has its
numbers beside it. Text is styled by meaning (`GOOD`, `BAD`, `WARN`, `MUTED`, `NOTE`), and the app
picks how those look: colours normally, bold or dim under `NO_COLOR`, where a red turned grey
would be hard to read on a dark background.
"""

from __future__ import annotations

import textwrap
from datetime import datetime

from rich.text import Text
from rich.theme import Theme

from grader.report.text import STATUS_LOOK
from grader.results import ExerciseStatus

GOOD = "grade.good"
"""Right, passed."""
BAD = "grade.bad"
"""Wrong, failed, an error."""
WARN = "grade.warn"
"""Needs attention: an unreadable answer, a time-out, a prompt to act."""
MUTED = "grade.muted"
"""Secondary information."""
NOTE = "grade.note"
"""Hints."""

COLOUR_STYLES = Theme({GOOD: "green", BAD: "red", WARN: "yellow", MUTED: "dim", NOTE: "cyan"})
"""How the styles look in colour."""
PLAIN_STYLES = Theme({GOOD: "bold", BAD: "bold", WARN: "bold", MUTED: "dim", NOTE: "bold"})
"""How they look under `NO_COLOR`: emphasis instead of colour."""

_STATUS_STYLE = {
    ExerciseStatus.PASSED: GOOD,
    ExerciseStatus.FAILED: BAD,
    ExerciseStatus.ERROR: BAD,
    ExerciseStatus.TIMEOUT: WARN,
    ExerciseStatus.NOT_STARTED: MUTED,
}

NOT_GRADED = "· not graded"
"""Label of an exercise that was never graded."""

BAR_FULL = "█"
BAR_EMPTY = "░"


def status_label(status: ExerciseStatus | None) -> Text:
    """Symbol and word for an exercise status, e.g. `✔ passed`; `· not graded` for None."""
    if status is None:
        return Text(NOT_GRADED, style=MUTED)
    return Text(STATUS_LOOK[status][0], style=_STATUS_STYLE[status])


def status_symbol(status: ExerciseStatus | None) -> Text:
    """Only the symbol of `status_label` (one cell)."""
    label = status_label(status)
    return label[:1]


def bar(done: float, total: float, width: int) -> str:
    """A bar of `width` cells, filled in proportion `done / total` (empty when total is 0)."""
    filled = round(width * done / total) if total else 0
    return BAR_FULL * filled + BAR_EMPTY * (width - filled)


def counted_bar(done: float, total: float, width: int) -> Text:
    """`3/10 ███░░░░░░░`: the count first, so the numbers carry the meaning."""
    text = Text(f"{done:g}/{total:g} ".rjust(7) if total else "  —    ", style="" if total else MUTED)
    if total:
        text.append(bar(done, total, width), style=GOOD if done >= total else "")
    return text


def clip(text: str, width: int) -> str:
    """`text` cut to `width` cells with an ellipsis when it is longer."""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def reflow(text: str) -> str:
    """Undo a spec file's hard line breaks so text wraps to the screen: lines of a paragraph are
    joined, while blank lines and indented blocks (code, lists set off by indentation) are kept."""
    paragraphs = textwrap.dedent(text.strip("\n")).split("\n\n")
    result = []
    for paragraph in paragraphs:
        lines = paragraph.splitlines()
        if any(line.startswith((" ", "\t")) for line in lines):
            result.append(paragraph.rstrip())
        else:
            result.append(" ".join(line.strip() for line in lines if line.strip()))
    return "\n\n".join(part for part in result if part)


def ago(moment: datetime, now: datetime) -> str:
    """How long before `now` a moment was: `just now`, `5 min ago`, `3 h ago`, `2 days ago`,
    or the date when it is more than a month ago (or in the future)."""
    seconds = (now - moment).total_seconds()
    if seconds < 0 or seconds >= 31 * 86400:
        return moment.strftime("%Y-%m-%d")
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    days = int(seconds // 86400)
    return f"{days} day{'s' if days > 1 else ''} ago"


def until(moment: datetime, now: datetime) -> str:
    """How long after `now` a moment is: `now`, `in 5 min`, `in 3 h`, `in 2 days`."""
    seconds = (moment - now).total_seconds()
    if seconds <= 0:
        return "now"
    if seconds < 3600:
        return f"in {max(1, int(seconds // 60))} min"
    if seconds < 86400:
        return f"in {int(seconds // 3600)} h"
    days = int(seconds // 86400)
    return f"in {days} day{'s' if days > 1 else ''}"
