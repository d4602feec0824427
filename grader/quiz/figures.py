"""Render a question's figure to a cached PNG, and turn a PNG into text for terminals.

A figure is a module `course/figures/<name>.py` defining `draw(fig)`. `render_figure` loads it by
path (no `sys.path` changes), draws onto a fresh `matplotlib.figure.Figure` with the Agg canvas
(no pyplot, so no global backend is touched), and writes `<cache_dir>/<name>-<hash>.png`; the
hash covers the module's source, so an edited figure is redrawn. matplotlib is imported inside the
functions only.

`text_figure` downsamples a PNG into unicode half-block cells (`▀`, the top pixel as foreground
colour and the bottom pixel as background): plain data a UI can colour as it likes.
`monochrome_figure` gives plain lines without colour, for `NO_COLOR`; a screen reader should get
the question's `alt` sentence instead.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

FIGURE_SIZE_INCHES = (6.4, 4.0)
"""The size every figure is drawn at."""

FIGURE_DPI = 100
"""Resolution of the cached PNGs."""

RGB = tuple[int, int, int]


class FigureError(ValueError):
    """A figure module that is missing or has no `draw(fig)`; `str()` is one line."""


def figure_source(name: str, figures_dir: Path) -> Path:
    """The module that draws figure `name`, e.g. `course/figures/l1_l2_regions.py`."""
    path = figures_dir / f"{name}.py"
    if not path.is_file():
        raise FigureError(f"no figure module {path}")
    return path


def render_figure(name: str, *, figures_dir: Path, cache_dir: Path) -> Path:
    """Draw figure `name` from `figures_dir` into a PNG in `cache_dir` (reused while the source is unchanged)."""
    source = figure_source(name, figures_dir)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    target = cache_dir / f"{name}-{digest}.png"
    if target.is_file():
        return target
    module = _load_module(name, source)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=FIGURE_SIZE_INCHES, dpi=FIGURE_DPI, layout="constrained")
    FigureCanvasAgg(figure)
    module.draw(figure)
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    figure.savefig(partial, format="png", metadata={"Software": None})
    partial.replace(target)
    return target


def _load_module(name: str, source: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"course_figures_{name}", source)
    if spec is None or spec.loader is None:
        raise FigureError(f"cannot load figure module {source}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not callable(getattr(module, "draw", None)):
        raise FigureError(f"{source} defines no draw(fig) function")
    return module


@dataclass(frozen=True)
class Cell:
    """One terminal cell of a text figure: a character showing two stacked pixels."""

    char: str
    """The character, `▀` for the colour rendering."""
    top: RGB
    """Colour of the upper pixel (the foreground colour of `▀`)."""
    bottom: RGB
    """Colour of the lower pixel (the background colour)."""


@dataclass(frozen=True)
class TextFigure:
    """A figure as rows of cells; each cell is two pixels stacked vertically."""

    rows: tuple[tuple[Cell, ...], ...]
    """The rows, top to bottom."""

    @property
    def width(self) -> int:
        """Cells per row."""
        return len(self.rows[0]) if self.rows else 0


def _pixels(png: Path, columns: int, *, darkest: bool = False) -> list[list[RGB]]:
    """Downsample a PNG to `columns` pixels wide (keeping the aspect ratio), averaging each block
    (or keeping its darkest pixel, so thin lines survive in monochrome)."""
    import numpy as np
    from matplotlib.image import imread

    image = imread(png)
    if image.dtype != np.float32 and image.dtype != np.float64:
        image = image / 255.0
    if image.ndim == 2:
        image = np.stack([image] * 3, axis=-1)
    rgb = image[..., :3]
    if image.shape[-1] == 4:
        alpha = image[..., 3:4]
        rgb = rgb * alpha + (1 - alpha)
    height, width = rgb.shape[:2]
    columns = max(1, min(columns, width))
    block = width / columns
    rows = max(2, int(round(height / block)) // 2 * 2)
    y_edges = np.linspace(0, height, rows + 1).astype(int)
    x_edges = np.linspace(0, width, columns + 1).astype(int)
    grid: list[list[RGB]] = []
    for y0, y1 in zip(y_edges[:-1], y_edges[1:], strict=True):
        line: list[RGB] = []
        for x0, x1 in zip(x_edges[:-1], x_edges[1:], strict=True):
            block_pixels = rgb[y0:max(y1, y0 + 1), x0:max(x1, x0 + 1)].reshape(-1, 3)
            if darkest:
                value = block_pixels[int(np.argmin(block_pixels.sum(axis=1)))]
            else:
                value = block_pixels.mean(axis=0)
            red, green, blue = (round(float(v) * 255) for v in value)
            line.append((red, green, blue))
        grid.append(line)
    return grid


def text_figure(png: Path, *, columns: int = 64) -> TextFigure:
    """The PNG as half-block cells, `columns` wide: colour data for a UI to paint."""
    grid = _pixels(png, columns)
    return TextFigure(
        rows=tuple(
            tuple(Cell(char="▀", top=top, bottom=bottom) for top, bottom in zip(upper, lower, strict=True))
            for upper, lower in zip(grid[0::2], grid[1::2], strict=True)
        )
    )


_MONO = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def monochrome_figure(png: Path, *, columns: int = 64, threshold: float = 0.6) -> tuple[str, ...]:
    """The PNG as plain text lines: a half block wherever a pixel is darker than `threshold`."""
    grid = _pixels(png, columns, darkest=True)

    def dark(pixel: RGB) -> bool:
        red, green, blue = pixel
        return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255 < threshold

    return tuple(
        "".join(_MONO[dark(top), dark(bottom)] for top, bottom in zip(upper, lower, strict=True)).rstrip()
        for upper, lower in zip(grid[0::2], grid[1::2], strict=True)
    )
