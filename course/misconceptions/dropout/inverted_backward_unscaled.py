"""Inverted dropout whose backward forgets the 1 / (1 - ratio) that forward applied."""


class Dropout(Dropout):
    def forward(self, x, train_flg=True):
        if not train_flg:
            return x
        return super().forward(x) / (1.0 - self.dropout_ratio)
