"""Reports of a grading run: a rich table for people, JSON, JUnit XML and Gradescope for machines.

`FORMATS` is the one place that lists them. A machine format is a module with
`render(run) -> str`, imported only when a run writes it; the text report draws on a rich
console that the client owns (`grader.report.text.render`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum

from grader.results import GradeRun


class ReportFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"
    GRADESCOPE = "gradescope"


@dataclass(frozen=True)
class MachineFormat:
    """A report written as one string by `render(run)` of `module`."""

    module: str

    def render(self, run: GradeRun) -> str:
        return importlib.import_module(self.module).render(run)


FORMATS: dict[ReportFormat, MachineFormat | None] = {
    ReportFormat.TEXT: None,  # drawn on a console: grader.report.text
    ReportFormat.JSON: MachineFormat("grader.report.json_report"),
    ReportFormat.JUNIT: MachineFormat("grader.report.junit"),
    ReportFormat.GRADESCOPE: MachineFormat("grader.report.gradescope"),
}
