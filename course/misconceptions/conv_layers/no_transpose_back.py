"""Reshapes the (N*out_h*out_w, channels) result straight to (N, channels, out_h, out_w) without
moving the channel axis: the right shape, the numbers in the wrong places (both layers)."""


def _reshaped_straight(out):
    """The reference's output read back in its (N, out_h, out_w, channels) order and reshaped as it is."""
    return out.transpose(0, 2, 3, 1).reshape(out.shape)


class Convolution(Convolution):
    def forward(self, x):
        return _reshaped_straight(super().forward(x))


class Pooling(Pooling):
    def forward(self, x):
        return _reshaped_straight(super().forward(x))
