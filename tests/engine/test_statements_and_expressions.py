"""Spec steps parse into typed programs; spec expressions evaluate only what the whitelist allows."""

from __future__ import annotations

import numpy as np
import pytest

from grader.expr import ExprError, ExprTypeError, parse_expr
from grader.program.steps import (
    Assign,
    Attr,
    Call,
    Const,
    DictOf,
    Key,
    Let,
    NumGrad,
    Path,
    Record,
    Repeat,
    Seed,
    Timed,
)
from grader.statements import StatementError, compile_steps


def test_statements_become_typed_steps():
    steps, bound = compile_steps(
        [
            "layer = Affine(W, b)",
            "out = layer.forward(x, train_flg=False)",
            "dW = layer.dW",
            "net.params['W1'][...] = W",
            "params = {'W': W}",
            "seed(3)",
            "layer.forward(x)",
        ],
        ["W", "b", "x", "net"],
    )
    assert steps[0] == Call(Path("Affine", member=True), (Path("W"), Path("b")), (), "layer")
    assert steps[1] == Call(Path("layer", parts=(Attr("forward"),)), (Path("x"),), (("train_flg", Const(False)),), "out")
    assert steps[2] == Record(Path("layer", parts=(Attr("dW"),)), "dW")
    assert steps[3] == Assign(Path("net", parts=(Attr("params"), Key("W1"))), Path("W"), whole=True)
    assert steps[4] == Let("params", DictOf((("W", Path("W")),)))
    assert steps[5] == Seed(3)
    assert steps[6].save is None
    assert {"layer", "out", "dW", "params"} <= bound


def test_tables_for_loops_gradients_and_timing():
    steps, bound = compile_steps(
        [
            "opt = SGD(0.1)",
            {"repeat": 3, "steps": ["grads = f(params)", "opt.update(params, grads)", "p = params['x']"]},
            {"numgrad": "x", "steps": ["out = layer.forward(x)"], "objective": "out", "weight": "dout", "save": "g"},
            {"timed": "im2col(x, 3, 3)", "save": "t", "repeat": 2},
        ],
        ["params", "f", "x", "layer", "dout"],
    )
    assert isinstance(steps[1], Repeat) and steps[1].times == 3
    assert isinstance(steps[2], NumGrad) and steps[2].wrt == Path("x") and steps[2].weight == Path("dout")
    assert isinstance(steps[3], Timed) and steps[3].repeat == 2
    assert {"p", "g.plus", "g.minus"} <= bound


@pytest.mark.parametrize(
    ("step", "reason"),
    [
        ("y = softmax(x", "not valid Python"),
        ("y = softmax(z)", "`z` is neither an input nor a value bound by an earlier step"),
        ("import os", "use `name = call(...)`"),
        ("y = f(x); z = f(x)", "exactly one statement"),
        ("y = f(x + 1)", "cannot be passed as an argument"),
        ("y = f(callback.nope())", "unknown callback `nope`"),
        ("seed(x)", "seed() takes one integer"),
    ],
)
def test_bad_statements_say_why(step, reason):
    with pytest.raises(StatementError, match=reason.replace("(", r"\(").replace(")", r"\)").replace("`", "`")):
        compile_steps([step], ["x"])


def test_expressions_evaluate_over_arrays():
    env = {"x": np.array([[1.0, 2.0], [3.0, 4.0]]), "t": np.array([1, 0])}
    assert parse_expr("x.sum(axis=-1)")(env).tolist() == [3.0, 7.0]
    assert parse_expr("one_hot(t, 3)")(env).tolist() == [[0, 1, 0], [1, 0, 0]]
    assert parse_expr("abs(mean(x) - 2.5) < 1e-12")(env)
    assert parse_expr("x.shape[0] * 2")(env) == 4
    assert parse_expr("x[:, 1]")(env).tolist() == [2.0, 4.0]


@pytest.mark.parametrize(
    "source",
    ["__import__('os')", "x.__class__", "open('f')", "lambda: 1", "[i for i in x]", "x.tofile('f')", "getattr(x, 'T')"],
)
def test_expressions_outside_the_whitelist_are_refused(source):
    with pytest.raises(ExprError):
        parse_expr(source)


def test_expression_on_unusable_values_is_a_type_error():
    with pytest.raises(ExprTypeError):
        parse_expr("x.sum(axis=3)")({"x": np.ones(2)})
