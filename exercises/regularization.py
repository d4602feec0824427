"""Regularization: penalties that keep weights small, and their gradients (Day 2 §3, 6-4-2, 6-4-3).

Task
----
Large weights are a sign of overfitting. Weight decay adds a penalty for them to the loss, and
the penalty's gradient to every weight's gradient. `lam` (lambda) sets how strong it is.

1. `l2_penalty(weights, lam)`: half of lam times the sum of the squares of every element of
   every array in the list `weights`:  0.5 * lam * (sum of W**2 over all the arrays).
2. `l2_grad(W, lam)`: the derivative of that penalty with respect to one array W. The square
   gives a factor 2 that cancels the 0.5, so it is lam * W.
3. `l1_penalty(weights, lam)`: lam times the sum of the absolute values of every element of
   every array:  lam * (sum of |W| over all the arrays).
4. `l1_grad(W, lam)`: the derivative of lam * |w| for each element, i.e. lam times the sign of w:
   +lam where w > 0, -lam where w < 0, and 0 where w is exactly 0 (np.sign does all three).

Shapes
------
`weights` is a list of float arrays of any shapes (e.g. [W1, W2, W3]); the penalties return a
Python float. `W` is one float array; the gradients return an array of its shape. None of the
functions may change their inputs.

Example challenges 6-4-3-2 and 6-4-3-3 in the Day 2 notes ask for exactly these two gradients.

Run `grade regularization` to check your work, `grade hint regularization` for a hint.
"""

import numpy as np


def l2_penalty(weights: list, lam: float) -> float:
    # TODO: 0.5 * lam * the sum of the squares of all elements of all arrays.
    raise NotImplementedError("l2_penalty is not written yet")


def l2_grad(W: np.ndarray, lam: float) -> np.ndarray:
    # TODO: the derivative of 0.5 * lam * W**2.
    raise NotImplementedError("l2_grad is not written yet")


def l1_penalty(weights: list, lam: float) -> float:
    # TODO: lam * the sum of the absolute values of all elements of all arrays.
    raise NotImplementedError("l1_penalty is not written yet")


def l1_grad(W: np.ndarray, lam: float) -> np.ndarray:
    # TODO: lam times the sign of each element (0 where the element is 0).
    raise NotImplementedError("l1_grad is not written yet")
