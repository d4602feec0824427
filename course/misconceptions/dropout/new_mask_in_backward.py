"""backward draws a mask of its own instead of reusing the one forward applied."""

import numpy as np


class Dropout(Dropout):
    def backward(self, dout):
        return dout * (np.random.rand(*dout.shape) > self.dropout_ratio)
