"""Start the terminal app from the command line, if it is installed.

The app (`tui`) is a client of the core like the command line; this is the one place in
`grader` that reaches for it, at call time only.
"""

from __future__ import annotations

from pathlib import Path


class AppUnavailable(Exception):
    """The app cannot be opened here; the message says what to do instead."""


def launch(*, workspace: Path | None, bank_dir: Path, figures_dir: Path | None, no_color: bool,
           course_root: Path | None = None) -> int:
    """Run the app on `workspace` until the student quits; its exit status."""
    try:
        from tui.app import launch_app
    except ImportError as error:
        if isinstance(error, ModuleNotFoundError) and error.name not in {"tui", "tui.app"}:
            raise
        raise AppUnavailable("the terminal app is not available; use grade quiz --plain") from None
    if workspace is None:
        raise AppUnavailable(
            "the app keeps your progress in a workspace: run it inside one or pass --workspace DIR"
            " (grade init DIR creates one; grade quiz --plain works anywhere)"
        )
    extra = {"course_root": course_root} if course_root is not None else {}
    return launch_app(workspace=workspace, bank_dir=bank_dir, figures_dir=figures_dir, no_color=no_color, **extra)
