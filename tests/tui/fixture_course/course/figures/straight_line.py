"""A straight line through the origin with slope 2 (a figure for the app's tests)."""


def draw(fig):
    axes = fig.add_subplot()
    xs = [0.0, 1.0, 2.0, 3.0]
    axes.plot(xs, [2 * x for x in xs], color="tab:blue", linewidth=4)
    axes.set_xlabel("x")
    axes.set_ylabel("y")
