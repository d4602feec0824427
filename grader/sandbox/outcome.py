"""What running a program produced: recorded values, the inputs' state after, or the error raised."""

from __future__ import annotations

from dataclasses import dataclass, field

from grader.sandbox.values import Value

@dataclass(frozen=True)
class StepError:
    """Code under test raised (or was missing a name) while a step ran."""

    step: str
    exc_type: str
    message: str
    traceback: tuple[str, ...] = ()
    exc_bases: tuple[str, ...] = ()
    """The exception's classes from its own up to BaseException (`ValueError` for a subclass of it)."""
    not_implemented: bool = False
    origin: str | None = None
    missing_name: str | None = None

    def headline(self) -> str:
        text = f"{self.exc_type}: {self.message}" if self.message else self.exc_type
        return text.splitlines()[0] if text else self.exc_type


@dataclass(frozen=True)
class ProgramResult:
    values: dict[str, Value] = field(default_factory=dict)
    inputs_after: dict[str, Value] = field(default_factory=dict)
    error: StepError | None = None
    warnings: tuple[str, ...] = ()
    durations: dict[str, float] = field(default_factory=dict)
