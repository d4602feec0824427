"""The "where to add" recipes of docs/architecture.md, followed: a step left out makes a test fail."""

from __future__ import annotations

import io
import json
import sys
import types
import typing

import pytest

from grader import report
from grader.checks import KINDS
from grader.cli import main
from grader.quiz import models as quiz_models
from grader.quiz.answer_formats import how_to_answer
from grader.quiz.checking import _check
from grader.report import FORMATS, MachineFormat, ReportFormat
from grader.spec import Check, CheckKind


def _union_members(annotated) -> tuple[type, ...]:
    union = typing.get_args(annotated)[0]
    return typing.get_args(union)


def test_every_check_kind_has_a_model_in_the_union_and_one_runner():
    models = _union_members(Check)
    assert set(KINDS) == set(CheckKind), "a check kind without its row in grader.checks.KINDS"
    assert {entry.model for entry in KINDS.values()} == set(models), "a model missing from the spec's Check union"
    for kind, entry in KINDS.items():
        assert typing.get_args(entry.model.model_fields["kind"].annotation) == (kind,), f"{entry.model} is not tagged {kind}"


def test_every_question_kind_is_checked_and_explained():
    for model in _union_members(quiz_models.Question):
        assert _check.dispatch(model) is not _check.dispatch(object), f"{model.__name__} has no answer checker"
        assert how_to_answer.dispatch(model) is not how_to_answer.dispatch(object), f"{model.__name__} has no answer format"


def test_every_report_format_is_listed_and_renders(course, workspace):
    assert set(FORMATS) == set(ReportFormat)
    for fmt in ReportFormat:
        out, err = io.StringIO(), io.StringIO()
        code = main(["softmax", "--workspace", str(workspace.root), "--format", fmt.value, "--no-color"],
                    stdout=out, stderr=err)
        assert code == 1 and out.getvalue().strip(), (fmt, err.getvalue())


def test_a_new_report_format_needs_only_a_module_and_a_registry_entry(monkeypatch, workspace):
    module = types.ModuleType("grader.report.exercise_ids")
    module.render = lambda run: "\n".join(r.id for r in run.results) + "\n"
    monkeypatch.setitem(sys.modules, "grader.report.exercise_ids", module)
    extended = typing.cast(type, __import__("enum").StrEnum("ReportFormat", {**{f.name: f.value for f in ReportFormat}, "IDS": "ids"}))
    monkeypatch.setattr(report, "ReportFormat", extended)
    monkeypatch.setattr(report, "FORMATS", {**{extended(f.value): v for f, v in FORMATS.items()},
                                            extended("ids"): MachineFormat("grader.report.exercise_ids")})
    out = io.StringIO()
    assert main(["softmax", "losses", "--workspace", str(workspace.root), "--format", "ids"], stdout=out,
                stderr=io.StringIO()) == 1
    assert out.getvalue() == "softmax\nlosses\n"


def test_the_client_recipe_agrees_with_grade(course, workspace, monkeypatch):
    from grader.coursework.grading import grade_with_hints, record_run
    from grader.coursework.locate import locate

    monkeypatch.chdir(workspace.root)
    found, located = locate(None, None)
    graded = grade_with_hints(located, found, ["softmax", "losses"])
    assert record_run(graded.run, found, "my-client") is None
    out = io.StringIO()
    main(["softmax", "losses", "--format", "json"], stdout=out, stderr=io.StringIO())
    document = json.loads(out.getvalue())
    assert [(e["id"], e["status"], e["hints"]) for e in document["exercises"]] == [
        (r.id, r.status.value, list(graded.run.revealed_hints[r.id])) for r in graded.run.results
    ]


@pytest.mark.parametrize("module", ["grader.cli", "grader.quiz.cli", "tui.session"])
def test_clients_do_not_reimplement_the_layer(module):
    """The functions the layer owns are not defined again in a client (the names that drifted before)."""
    import importlib
    import inspect

    source = inspect.getsource(importlib.import_module(module))
    for owned in ("\ndef reveal_next_hint", "class _Tally", "class Tally", "\ndef record_answer", "\ndef review_order",
                  "\ndef attach_hints", "\ndef record_run", "\ndef _mtimes", "ProgressStore.open(", "Scheduler("):
        assert owned not in source, f"{module} re-implements `{owned.strip()}`"
