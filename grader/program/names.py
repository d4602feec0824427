"""Names that several rooms agree on: where a program saves what, so that checks can find it."""

from __future__ import annotations

from dataclasses import dataclass

ROUNDS = "rounds"
"""The type name of a value recorded once per round of a `repeat` (a sequence, one item per round)."""

TIMED = "t"
"""Where a speed note's timed call saves its fastest wall time (in `ProgramResult.durations`)."""


@dataclass(frozen=True)
class ProbeNames:
    """Where a gradient probe saves its values: the analytic gradient and the two nudged objectives."""

    save: str

    @classmethod
    def numbered(cls, index: int) -> ProbeNames:
        """The names of a gradient check's probe number `index`."""
        return cls(f"probe{index}")

    @property
    def plus(self) -> str:
        """The objective with the probed element nudged up by h."""
        return f"{self.save}.plus"

    @property
    def minus(self) -> str:
        """The objective with the probed element nudged down by h."""
        return f"{self.save}.minus"


@dataclass(frozen=True)
class AssertionNames:
    """The keys under which an `expect` assertion's parsed expressions are kept."""

    THAT = "__that__"
    LEFT = "__left__"
    RIGHT = "__right__"
