"""Zeroes the negative entries of the caller's array itself in forward."""


class Relu(Relu):
    def forward(self, x):
        self.mask = x <= 0
        x[self.mask] = 0
        return x
