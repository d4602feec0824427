"""`accuracy`: train on a fixed split of a shipped dataset in the sandbox, score the predictions here."""

from __future__ import annotations

import csv
import dataclasses
from functools import lru_cache
from pathlib import Path

import numpy as np

from grader.cases import DrawnCase
from grader.checks.base import CheckContext, CheckOutcome, GraderBug, Problem
from grader.checks.scenario import run_cases
from grader.compare import describe
from grader.feedback import observed
from grader.sandbox.outcome import ProgramResult
from grader.sandbox.values import ArrayValue, Value
from grader.spec import AccuracyCheck, IrisSplit

SPECIES = ("setosa", "versicolor", "virginica")


@lru_cache(maxsize=4)
def load_iris(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """The 150 Iris samples: features (150, 4) in cm and labels 0..2 in the order of `SPECIES`."""
    features, labels = [], []
    try:
        with path.open(newline="") as handle:
            for row in csv.DictReader(handle):
                features.append([float(row[k]) for k in ("sepal_length", "sepal_width", "petal_length", "petal_width")])
                labels.append(SPECIES.index(row["species"]))
    except (OSError, KeyError, ValueError) as exc:
        raise GraderBug(f"the Iris data at {path} cannot be read ({exc})") from None
    return np.array(features), np.array(labels, dtype=np.int64)


def iris_split(path: Path, split: IrisSplit) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A stratified split: `test_per_class` samples of each species for testing, the rest for training."""
    x, t = load_iris(path)
    rng = np.random.default_rng(split.seed)
    train, test = [], []
    for label in range(len(SPECIES)):
        members = rng.permutation(np.flatnonzero(t == label))
        test.extend(members[: split.test_per_class])
        train.extend(members[split.test_per_class :])
    train_idx, test_idx = np.array(sorted(train)), np.array(sorted(test))
    return x[train_idx], t[train_idx], x[test_idx], t[test_idx]


def _label_problem(pred: Value | None, t_test: np.ndarray) -> Problem | None:
    """Predictions that are not one integer label per test sample, named by what they are instead."""
    if isinstance(pred, ArrayValue) and pred.is_plain_ndarray and pred.data.shape == t_test.shape:
        if pred.data.dtype.kind in "iu":
            return None
        return Problem(
            f"fit_predict returned {pred.data.dtype} predictions; return integer class labels (e.g. argmax(..., axis=1))",
            observation=observed(returned=f"{pred.data.dtype.kind} labels"),
        )
    if isinstance(pred, ArrayValue) and pred.data.ndim == 2 and pred.data.shape[0] == t_test.size and pred.data.dtype.kind in "biuf":
        rows = pred.data.astype(np.float64)
        if np.all((rows == 0) | (rows == 1)) and np.all(rows.sum(axis=1) == 1):
            what = "one-hot rows"
        elif np.all(rows >= 0) and np.allclose(rows.sum(axis=1), 1.0):
            what = "class probabilities"
        else:
            what = "class scores"
        return Problem(
            f"fit_predict returned {what} (shape {pred.data.shape}); expected one integer label per test sample, shape {t_test.shape}",
            ("the label of a row is the position of its largest entry: np.argmax(..., axis=1)",),
            observed(returned=what),
        )
    shown = describe(pred) if pred is not None else "nothing"
    return Problem(f"fit_predict returned {shown}; expected integer class labels of shape {t_test.shape}", observation=observed(returned=shown))


def _diagnosis(pred: np.ndarray, t_test: np.ndarray, accuracy: float, warnings: tuple[str, ...]) -> tuple[str, str | None]:
    """What a too-low accuracy looks like: the outcome misconceptions are matched on, and a line that says it."""
    blew_up = [w for w in warnings if "overflow" in w or "invalid value" in w]
    if blew_up:
        return "diverged", f"training raised {blew_up[0]}: the numbers grew without bound (a learning rate that is too large does this)"
    counts = np.bincount(pred.clip(0, len(SPECIES)), minlength=len(SPECIES) + 1)[: len(SPECIES)]
    truth = np.bincount(t_test, minlength=len(SPECIES))
    guessed = np.unique(pred)
    if accuracy <= 0.6 and guessed.size > 1 and np.all(np.abs(counts - truth) <= 2):
        return "shuffled", (
            f"each species is predicted about as often as it occurs ({', '.join(map(str, counts))} against "
            f"{', '.join(map(str, truth))}) but at the wrong places: prediction i must belong to x_test[i]"
        )
    if accuracy <= 0.5:
        if guessed.size == 1:
            name = SPECIES[int(guessed[0])] if 0 <= int(guessed[0]) < len(SPECIES) else f"class {int(guessed[0])}"
            return "guessing", f"every test flower was predicted as {name}: the network has not learned to tell the species apart"
        return "guessing", "close to what guessing gets (1 in 3): the network has not learned to tell the species apart"
    return "below", None


def run(check: AccuracyCheck, ctx: CheckContext) -> CheckOutcome:
    x_train, t_train, x_test, t_test = iris_split(ctx.course.data_path("iris.csv"), check.data)
    values = {"x_train": x_train, "t_train": t_train, "x_test": x_test}
    measured: list[float] = []

    def judge(case: DrawnCase, got: ProgramResult) -> Problem | None:
        pred = got.values.get(check.prediction)
        problem = _label_problem(pred, t_test)
        if problem is not None:
            return problem
        assert isinstance(pred, ArrayValue)
        correct = pred.data == t_test
        accuracy = float(correct.mean())
        measured.append(accuracy)
        if accuracy >= check.min_accuracy:
            return None
        confusions = []
        for true in range(len(SPECIES)):
            for guess in range(len(SPECIES)):
                n = int(np.sum((t_test == true) & (pred.data == guess)))
                if true != guess and n:
                    confusions.append(f"{n} {SPECIES[true]} predicted as {SPECIES[guess]}")
        outcome, explanation = _diagnosis(pred.data, t_test, accuracy, got.warnings)
        return Problem(
            f"test accuracy {accuracy:.2f} ({int(correct.sum())} of {correct.size}) is below {check.min_accuracy:.2f}",
            (("mistakes: " + "; ".join(confusions),) if confusions else ()) + ((explanation,) if explanation else ()),
            observed(outcome=outcome),
        )

    outcome = run_cases(check, ctx, judge, cases=[DrawnCase(values, 0, 0)])
    if not measured:
        return outcome
    return dataclasses.replace(outcome, result=dataclasses.replace(outcome.result, measure=measured[-1]))
