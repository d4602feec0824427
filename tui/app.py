"""The `grade quiz` app: `make_app` builds it (for the command and the tests alike), `launch_app`
runs it in the terminal.

The app owns one `Session` (workspace, course, question bank, progress store) and hands it to
each screen it opens; screens report upwards with messages. `?` (or F1) opens the help overlay
for the current screen, `q` quits from the course map and Escape goes back elsewhere. `NO_COLOR`
is honoured by Textual itself; `no_color=True` (`grade quiz --no-color`) does the same.
"""

from __future__ import annotations

from pathlib import Path

from fsrs import Scheduler
from textual.actions import parse as parse_action
from textual.app import App
from textual.binding import Binding
from textual.filter import Monochrome, NoColor
from textual.screen import Screen

from grader.workspace import Workspace, find_workspace
from tui.formatting import COLOUR_STYLES, PLAIN_STYLES
from tui.screens.help import HelpScreen
from tui.screens.home import HomeScreen
from tui.session import Clock, Session, utc_now


class GradeApp(App[int]):
    """Quizzes, exercises and progress of one workspace."""

    CSS_PATH = "app.tcss"
    TITLE = "grade"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("question_mark", "help", "help", key_display="?"),
        Binding("f1", "help", "help", key_display="F1"),
    ]

    def __init__(self, session: Session, *, no_color: bool = False, cursor_blink: bool = True) -> None:
        """Run on `session`; `no_color` strips colour as `NO_COLOR` does; `cursor_blink=False`
        keeps screenshots stable."""
        super().__init__()
        self.session = session
        self.cursor_blink = cursor_blink
        self.sub_title = session.course.title
        if no_color and not self.no_color:
            # What Textual does itself when it finds NO_COLOR at start-up (it has no public switch).
            self.no_color = True
            self._filters.append(NoColor() if self.native_ansi_color else Monochrome())
        self.console.push_theme(PLAIN_STYLES if self.no_color else COLOUR_STYLES)

    def get_default_screen(self) -> Screen:
        return HomeScreen(self.session)

    def action_help(self) -> None:
        """Show the keys of the current screen and the answer formats."""
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self._screen_name(), self._current_keys()))

    def _screen_name(self) -> str:
        return type(self.screen).__name__.removesuffix("Screen").lower().replace("home", "course map")

    def _current_keys(self) -> list[tuple[str, str]]:
        """The keys that work on the current screen now: the screen's own bindings whose action
        applies at the moment (also those the footer leaves out), then the keys the focused widget
        shows in the footer."""
        screen = self.screen
        keys: list[tuple[str, str]] = []

        def add(binding: Binding) -> None:
            entry = (self.get_key_display(binding), binding.description)
            if binding.description and entry not in keys:
                keys.append(entry)

        for cls in type(screen).__mro__:
            if not cls.__module__.startswith("tui."):
                continue
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", ())):
                _, name, parameters = parse_action(binding.action)
                if screen.check_action(name, parameters) is not False:
                    add(binding)
        for active in screen.active_bindings.values():
            if active.binding.show and active.node is not screen and active.node is not self:
                add(active.binding)
        return keys

    def on_unmount(self) -> None:
        self.session.close()


def make_app(
    workspace: Path | Workspace,
    *,
    bank_dir: Path | None = None,
    figures_dir: Path | None = None,
    no_color: bool = False,
    clock: Clock = utc_now,
    scheduler: Scheduler | None = None,
    cursor_blink: bool = True,
    course_root: Path | None = None,
) -> GradeApp:
    """The app for a workspace (a folder, checked like `--workspace`, or a `Workspace`).

    `bank_dir` is the question bank (default: the course's `course/quizzes`), `figures_dir` where
    rendered figures are cached (default: `.grade/figures` in the workspace). Tests pass a frozen
    `clock`, a `scheduler` without fuzzing and `cursor_blink=False`. Raises the core's one-line
    errors (`WorkspaceError`, `CourseError`, `QuizSpecError`, `ProgressError`) before any screen
    is drawn.
    """
    if not isinstance(workspace, Workspace):
        workspace = find_workspace(explicit=workspace)
    session = Session.open(
        workspace, bank_dir=bank_dir, figures_cache=figures_dir, clock=clock, scheduler=scheduler, course_root=course_root
    )
    return GradeApp(session, no_color=no_color, cursor_blink=cursor_blink)


def launch_app(
    *,
    workspace: Path | Workspace,
    bank_dir: Path | None = None,
    figures_dir: Path | None = None,
    no_color: bool = False,
    course_root: Path | None = None,
) -> int:
    """Run the app full-screen until the student quits; the exit status (0)."""
    app = make_app(workspace, bank_dir=bank_dir, figures_dir=figures_dir, no_color=no_color, course_root=course_root)
    try:
        app.run()
    finally:
        app.session.close()
    return app.return_code or 0
