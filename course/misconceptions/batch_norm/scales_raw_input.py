"""The notes' typo y = gamma * x + beta: the raw input is scaled instead of the normalised one."""


class BatchNormalization(BatchNormalization):
    def forward(self, x, train_flg=True):
        super().forward(x, train_flg)
        return self.gamma * x + self.beta
