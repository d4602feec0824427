"""Collects the predicted classes in `np.zeros(n)`, a float64 array (as the notes' `t = np.zeros([150])`)."""

import numpy as np

_reference_fit_predict = fit_predict


def fit_predict(x_train, t_train, x_test):
    pred = np.zeros(len(x_test))
    pred[:] = _reference_fit_predict(x_train, t_train, x_test)
    return pred
