"""A 6x6 input with one ring of zero padding and a 2x2 filter (question day2-6-5-7-1)."""

from matplotlib.patches import Rectangle


def draw(fig):
    ax = fig.subplots()
    size, pad = 6, 1
    total = size + 2 * pad
    for row in range(total):
        for col in range(total):
            inside = pad <= row < pad + size and pad <= col < pad + size
            ax.add_patch(Rectangle((col, total - 1 - row), 1, 1, facecolor="white" if inside else "0.85",
                                   edgecolor="0.4"))
            if not inside:
                ax.text(col + 0.5, total - 0.5 - row, "0", ha="center", va="center", fontsize=8, color="0.4")
    ax.add_patch(Rectangle((0, total - 2), 2, 2, fill=False, edgecolor="tab:red", linewidth=3))
    ax.set_xlim(-0.2, total + 0.2)
    ax.set_ylim(-0.2, total + 0.2)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("6x6 input, padding 1 (grey zeros), 2x2 filter (red)")
