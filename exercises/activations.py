"""Activation functions and their slopes (Day 1 §1-2, neurons and activations).

Task
----
Write six functions. Each takes a float array `x` of any shape, works element by element,
returns a *new* array of the same shape, and leaves `x` as it was.

1. `step_function(x)`: 1 where x > 0, otherwise 0 (so 0 itself gives 0). Return an *integer*
   array: `x > 0` on its own gives booleans.
2. `sigmoid(x)`: s(x) = 1 / (1 + exp(-x)), a smooth step from 0 up to 1 with s(0) = 0.5.
   It must give finite values in [0, 1] even for x = -1000 or 1000. exp(1000) does not fit in a
   float64 and becomes inf; numpy warns about that, and the grader shows the warning as a note,
   but a nan in the result is a failure.
3. `relu(x)`: x where x > 0, otherwise 0.
4. `leaky_relu(x, alpha=0.01)`: x where x > 0, otherwise alpha * x: negative inputs keep a
   small slope instead of being cut to 0. Use the `alpha` you are given.
5. `sigmoid_grad(x)`: the slope of the sigmoid at the input x, which works out to
   s(x) * (1 - s(x)). Here x is the pre-activation (what goes *into* the sigmoid), not its
   output.
6. `relu_grad(x)`: the slope of relu: 1 where x > 0, 0 where x < 0. At exactly 0 relu has a
   corner, and either 0 or 1 is accepted there. Integers, floats or booleans are all fine.

Examples
--------
step_function(np.array([-1.0, 0.0, 2.0])) -> array([0, 0, 1])
sigmoid(np.array([0.0])) -> array([0.5]);  sigmoid_grad(np.array([0.0])) -> array([0.25])
leaky_relu(np.array([-2.0, 3.0]), alpha=0.1) -> array([-0.2, 3.0])

Run `grade activations` to check your work, `grade hint activations` for a hint.
"""

import numpy as np


def step_function(x: np.ndarray) -> np.ndarray:
    # TODO: 1 where x > 0, else 0, as integers.
    raise NotImplementedError("step_function is not written yet")


def sigmoid(x: np.ndarray) -> np.ndarray:
    # TODO: 1 / (1 + exp(-x)), finite for |x| up to 1000.
    raise NotImplementedError("sigmoid is not written yet")


def relu(x: np.ndarray) -> np.ndarray:
    # TODO: x where x > 0, else 0 (a new array).
    raise NotImplementedError("relu is not written yet")


def leaky_relu(x: np.ndarray, alpha: float = 0.01) -> np.ndarray:
    # TODO: x where x > 0, else alpha * x.
    raise NotImplementedError("leaky_relu is not written yet")


def sigmoid_grad(x: np.ndarray) -> np.ndarray:
    # TODO: the sigmoid's slope at the pre-activation x.
    raise NotImplementedError("sigmoid_grad is not written yet")


def relu_grad(x: np.ndarray) -> np.ndarray:
    # TODO: 1 where x > 0, 0 where x < 0.
    raise NotImplementedError("relu_grad is not written yet")
