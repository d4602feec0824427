"""Adam with the chapter-6 notes' default learning rate 0.01 instead of 0.001."""


class Adam(Adam):
    def __init__(self, lr=0.01, beta1=0.9, beta2=0.999):
        super().__init__(lr, beta1, beta2)
