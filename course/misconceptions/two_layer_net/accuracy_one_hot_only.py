"""Always takes the argmax of t, as if it were one-hot: integer labels break it."""

import numpy as np


class TwoLayerNet(TwoLayerNet):
    def accuracy(self, x, t):
        y = np.argmax(self.predict(x), axis=1)
        return np.sum(y == np.argmax(t, axis=1)) / float(x.shape[0])
