"""Multiplies x by W as it comes: an image-shaped (N, d1, d2) input does not line up with W."""

import numpy as np


class Affine(Affine):
    def forward(self, x):
        self.original_x_shape = x.shape
        self.x = x
        return np.dot(x, self.W) + self.b
