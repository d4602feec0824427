"""`--format junit`: JUnit XML with one test suite per exercise and one test case per check."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from grader.results import CheckStatus, GradeRun


def render(run: GradeRun) -> str:
    root = ET.Element("testsuites", name="grade", time=f"{run.duration_s:.3f}")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
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
            case = ET.SubElement(suite, "testcase", classname=f"grade.{result.id}", name=check.name)
            if check.status is CheckStatus.FAILED:
                ET.SubElement(case, "failure", message=check.summary, type=check.reason.value).text = check.message
            elif check.status is CheckStatus.ERROR:
                ET.SubElement(case, "error", message=check.summary, type=check.reason.value).text = check.message
            elif check.status is CheckStatus.SKIPPED:
                ET.SubElement(case, "skipped", message=check.summary)
        if result.output:
            ET.SubElement(suite, "system-out").text = result.output
        for key in totals:
            totals[key] += counts[key]
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
