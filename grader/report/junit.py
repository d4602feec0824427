"""`--format junit`: JUnit XML with one test suite per exercise and one test case per check."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from grader.results import CheckStatus, GradeRun
from grader.safe_text import printable


def render(run: GradeRun) -> str:
    root = ET.Element("testsuites", name="grade", time=f"{run.duration_s:.3f}")
    totals = {"tests": 0, "failures": 0, "errors": 0}  # the schema's <testsuites> has no `skipped`
    for result in run.results:
        counts = {
            "tests": len(result.checks),
            "failures": sum(c.status is CheckStatus.FAILED for c in result.checks),
            "errors": sum(c.status is CheckStatus.ERROR for c in result.checks),
            "skipped": sum(c.status is CheckStatus.SKIPPED for c in result.checks),
        }
        suite = ET.SubElement(
            root, "testsuite", name=result.id, time=f"{result.duration_s:.3f}", **{k: str(v) for k, v in counts.items()}
        )
        ET.SubElement(ET.SubElement(suite, "properties"), "property", name="status", value=result.status.value)
        for check in result.checks:
            case = ET.SubElement(suite, "testcase", classname=f"grade.{result.id}", name=printable(check.name), time="0")
            summary, message = printable(check.summary), printable(check.message)
            if check.status is CheckStatus.FAILED:
                ET.SubElement(case, "failure", message=summary, type=check.reason.value).text = message
            elif check.status is CheckStatus.ERROR:
                ET.SubElement(case, "error", message=summary, type=check.reason.value).text = message
            elif check.status is CheckStatus.SKIPPED:
                ET.SubElement(case, "skipped", message=summary)
        if result.output:
            ET.SubElement(suite, "system-out").text = printable(result.output)
        for key in totals:
            totals[key] += counts[key]
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
