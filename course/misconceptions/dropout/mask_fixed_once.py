"""The mask is drawn the first time and then reused: every training call drops the same units."""


class Dropout(Dropout):
    def forward(self, x, train_flg=True):
        if train_flg and self.mask is not None:
            return x * self.mask
        return super().forward(x, train_flg)
