"""The notes' training output x * mask, but test mode passes x through unscaled."""


class Dropout(Dropout):
    def forward(self, x, train_flg=True):
        return super().forward(x, train_flg) if train_flg else x.copy()
