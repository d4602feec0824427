"""`accuracy`: train on a fixed split of a shipped dataset in the sandbox, score the predictions here."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import numpy as np

from grader.cases import DrawnCase
from grader.checks.base import CheckContext, GraderBug, Problem
from grader.checks.scenario import run_cases
from grader.compare import describe
from grader.feedback import observed
from grader.results import CheckResult
from grader.sandbox.program import ProgramResult
from grader.sandbox.values import ArrayValue
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


def run(check: AccuracyCheck, ctx: CheckContext) -> CheckResult:
    x_train, t_train, x_test, t_test = iris_split(ctx.course.data_path("iris.csv"), check.data)
    values = {"x_train": x_train, "t_train": t_train, "x_test": x_test}

    def judge(case: DrawnCase, got: ProgramResult) -> Problem | None:
        pred = got.values.get(check.prediction)
        if not isinstance(pred, ArrayValue) or not pred.is_plain_ndarray or pred.data.shape != t_test.shape:
            shown = describe(pred) if pred is not None else "nothing"
            return Problem(f"fit_predict returned {shown}; expected integer class labels of shape {t_test.shape}", observation={})
        if pred.data.dtype.kind not in "iu":
            return Problem(f"fit_predict returned {pred.data.dtype} predictions; return integer class labels (e.g. argmax(..., axis=1))", observation={})
        correct = pred.data == t_test
        accuracy = float(correct.mean())
        if accuracy >= check.min_accuracy:
            return None
        confusions = []
        for true in range(len(SPECIES)):
            for guess in range(len(SPECIES)):
                n = int(np.sum((t_test == true) & (pred.data == guess)))
                if true != guess and n:
                    confusions.append(f"{n} {SPECIES[true]} predicted as {SPECIES[guess]}")
        return Problem(
            f"test accuracy {accuracy:.2f} ({int(correct.sum())} of {correct.size}) is below {check.min_accuracy:.2f}",
            ("mistakes: " + "; ".join(confusions),) if confusions else (),
            observed(accuracy=round(accuracy, 3)),
        )

    return run_cases(check, ctx, judge, kind="accuracy", cases=[DrawnCase(values, 0, 0)])
