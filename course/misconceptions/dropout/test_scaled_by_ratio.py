"""Test mode multiplies by the dropout ratio itself ("multiplied by the deletion ratio", as one note puts it)."""


class Dropout(Dropout):
    def forward(self, x, train_flg=True):
        return super().forward(x, train_flg) if train_flg else x * self.dropout_ratio
