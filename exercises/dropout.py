"""Dropout: switch off random units while training (Day 2 §3, 6-4-4; DLfS 6.4.3).

Task
----
Write the layer `Dropout(dropout_ratio=0.5)` with two methods.

- `forward(x, train_flg=True)`. In training, draw a fresh random mask with numpy's random
  numbers (`np.random...`) on every call: each unit is dropped (set to 0) with probability
  `dropout_ratio` and kept otherwise. Remember the mask for `backward`. In test mode
  (`train_flg=False`) nothing is dropped; instead the output is scaled so that it equals what
  training gives *on average*:
      notes' form:     training  x * mask,                      test  x * (1 - dropout_ratio)
      inverted form:   training  x * mask / (1 - dropout_ratio), test  x
  Pick either; both are accepted.
- `backward(dout)`: the gradient flows only through the units the last training forward kept,
  scaled exactly as forward scaled them: dout * mask (or dout * mask / (1 - dropout_ratio) in the
  inverted form).

Shapes
------
`x` and `dout` are float arrays of any shape; both methods return an array of the same shape and
must not change their input.

The grader checks behaviour with large random inputs: the fraction of units dropped, that the
mean training output equals the test output, that backward uses the last mask, and that two
training calls drop different units.

Run `grade dropout` to check your work, `grade hint dropout` for a hint.
"""

import numpy as np


class Dropout:
    def __init__(self, dropout_ratio: float = 0.5) -> None:
        self.dropout_ratio = dropout_ratio
        self.mask = None

    def forward(self, x: np.ndarray, train_flg: bool = True) -> np.ndarray:
        # TODO: in training draw and keep a new mask and apply it; in test mode scale instead.
        raise NotImplementedError("Dropout.forward is not written yet")

    def backward(self, dout: np.ndarray) -> np.ndarray:
        # TODO: let the gradient through where the last training forward kept the unit.
        raise NotImplementedError("Dropout.backward is not written yet")
