"""The command lines' argument parser: a mistake is one line and exit status 2, never argparse's exit.

Both `grade` and `grade quiz` parse with `OneLineParser`. It raises `UsageError` (with a pointer
to `--help`) instead of printing usage and exiting, and, given an `out` stream, prints help there
and raises `HelpShown` so the caller returns the status instead of the process ending.
"""

from __future__ import annotations

import argparse
from typing import NoReturn, TextIO


class UsageError(Exception):
    """Bad command-line input: a one-line reason, exit status 2."""


class HelpShown(Exception):
    """argparse printed help (or a version) and wants to exit with this status."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser that reports errors by raising `UsageError`."""

    def __init__(self, *args: object, out: TextIO | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._out = out

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if self._out is None:
            super().exit(status, message)
        if message:
            self._out.write(message)
        raise HelpShown(status)

    def _print_message(self, message: str, file: object = None) -> None:
        if self._out is None:
            super()._print_message(message, file)  # type: ignore[arg-type]
        elif message:
            self._out.write(message)
