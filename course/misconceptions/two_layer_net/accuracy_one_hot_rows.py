"""Compares one-hot predictions with one-hot answers entry by entry, so agreeing zeros count."""

import numpy as np


class TwoLayerNet(TwoLayerNet):
    def accuracy(self, x, t):
        scores = self.predict(x)
        k = scores.shape[1]
        predicted = np.eye(k)[np.argmax(scores, axis=1)]
        answers = t if t.ndim == 2 else np.eye(k)[t]
        return float(np.mean(predicted == answers))
