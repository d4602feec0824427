"""Functions that programs hand to the code under test (`f` for `numerical_gradient` and friends).

Each entry of `LIBRARY` is a factory: called with the program's arguments, it returns the
function passed on. They are ordinary numpy code, run in whichever process runs the program.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def square_sum() -> Callable[[np.ndarray], float]:
    """f(x) = sum(x²): the notes' `function_2` for any shape."""
    return lambda x: float(np.sum(np.asarray(x) ** 2))


def notes_quadratic() -> Callable[[float], float]:
    """f(x) = 0.01 x² + 0.1 x: the notes' `function_1` (f'(5) = 0.2, f'(10) = 0.3)."""
    return lambda x: 0.01 * x**2 + 0.1 * x


def weighted_cubic(weights: np.ndarray) -> Callable[[np.ndarray], float]:
    """f(x) = sum(w · x³ + sin x): a smooth function whose gradient differs per element."""
    w = np.array(weights, dtype=float)
    return lambda x: float(np.sum(w * np.asarray(x) ** 3 + np.sin(x)))


def frozen_weighted_cubic(weights: np.ndarray, target: np.ndarray) -> Callable[[object], float]:
    """The weighted cubic evaluated on `target` itself, ignoring the argument.

    This is the notes' `lambda w: net.loss(x, t)` idiom: it gives the right gradient only if
    `numerical_gradient` changes the caller's array in place while it probes.
    """
    f = weighted_cubic(weights)
    return lambda _ignored: f(target)


def scalar_sine() -> Callable[[float], float]:
    """f(x) = sin(x) + x²/2, for `numerical_diff` at arbitrary points."""
    return lambda x: float(np.sin(x) + 0.5 * x * x)


def elongated_bowl_grads() -> Callable[[dict], dict]:
    """Gradients of f(x, y) = x²/20 + y², the notes' optimizer comparison, for params {'x', 'y'}."""

    def grads(params: dict) -> dict:
        return {"x": np.asarray(params["x"]) / 10.0, "y": 2.0 * np.asarray(params["y"])}

    return grads


def elongated_bowl() -> Callable[[np.ndarray], float]:
    """f(p) = p[0]²/20 + p[1]² for gradient descent on a 2-vector."""
    return lambda p: float(p[0] ** 2 / 20.0 + p[1] ** 2)


def counting_square_sum(counter: list) -> Callable[[np.ndarray], float]:
    """sum(x²) that appends 1 to `counter` at every call."""

    def f(x: np.ndarray) -> float:
        counter.append(1)
        return float(np.sum(np.asarray(x) ** 2))

    return f


def notes_partial_x0() -> Callable[[float], float]:
    """f(x0) = x0² + 4²: the notes' partial derivative of x0² + x1² at x1 = 4 (f'(3) = 6)."""
    return lambda x0: x0 * x0 + 4.0**2


def exp_minus_linear() -> Callable[[float], float]:
    """f(x) = exp(x / 2) - 3x, for `numerical_diff`: its slope grows without bound, unlike a sine's."""
    return lambda x: float(np.exp(0.5 * x) - 3.0 * x)


def shifted_square_sum(center: np.ndarray) -> Callable[[np.ndarray], float]:
    """f(x) = sum((x - c)²): a bowl whose minimum is at `center`, not at 0."""
    c = np.array(center, dtype=float)
    return lambda x: float(np.sum((np.asarray(x) - c) ** 2))


LIBRARY: dict[str, Callable[..., Callable]] = {
    "square_sum": square_sum,
    "notes_quadratic": notes_quadratic,
    "weighted_cubic": weighted_cubic,
    "frozen_weighted_cubic": frozen_weighted_cubic,
    "scalar_sine": scalar_sine,
    "elongated_bowl_grads": elongated_bowl_grads,
    "elongated_bowl": elongated_bowl,
    "counting_square_sum": counting_square_sum,
    "notes_partial_x0": notes_partial_x0,
    "exp_minus_linear": exp_minus_linear,
    "shifted_square_sum": shifted_square_sum,
}
