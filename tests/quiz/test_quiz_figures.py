"""Figures: rendered deterministically into a cache, and as text for terminals."""

from __future__ import annotations

import pytest

from grader.quiz.figures import (
    FigureError,
    monochrome_figure,
    render_figure,
    text_figure,
)

from .helpers import FIGURES_DIR


def test_rendering_is_cached_and_deterministic(tmp_path):
    first = render_figure("l1_l2_regions", figures_dir=FIGURES_DIR, cache_dir=tmp_path / "a")
    again = render_figure("l1_l2_regions", figures_dir=FIGURES_DIR, cache_dir=tmp_path / "a")
    other = render_figure("l1_l2_regions", figures_dir=FIGURES_DIR, cache_dir=tmp_path / "b")
    assert first == again and first.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert first.read_bytes() == other.read_bytes()


def test_every_bank_figure_renders(tmp_path, bank):
    names = {q.figure.name for q in bank.questions if q.figure is not None}
    assert len(names) >= 4
    for name in names:
        assert render_figure(name, figures_dir=FIGURES_DIR, cache_dir=tmp_path).stat().st_size > 1000


def test_text_renderings(tmp_path):
    png = render_figure("conv_padding", figures_dir=FIGURES_DIR, cache_dir=tmp_path)
    colour = text_figure(png, columns=40)
    assert colour.width == 40 and len(colour.rows) > 5
    cell = colour.rows[0][0]
    assert cell.char == "▀" and all(0 <= c <= 255 for c in cell.top + cell.bottom)
    mono = monochrome_figure(png, columns=40)
    assert len(mono) == len(colour.rows)
    assert all(set(line) <= set(" ▀▄█") and len(line) <= 40 for line in mono)
    assert any(line.strip() for line in mono)


def test_missing_figure_and_module_without_draw(tmp_path):
    with pytest.raises(FigureError):
        render_figure("nope", figures_dir=FIGURES_DIR, cache_dir=tmp_path)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "empty.py").write_text("x = 1\n")
    with pytest.raises(FigureError):
        render_figure("empty", figures_dir=tmp_path / "src", cache_dir=tmp_path / "cache")
