"""im2col: known-wrong layouts and col2im mistakes (written differently from the course's own
wrong files) are rejected with their targeted message; differently written correct ones pass,
and a correct solution that loops over every output position passes with a note on its speed."""

from __future__ import annotations

import io
import shutil
import textwrap

import pytest

from grader.cli import main

from grader.results import ExerciseStatus
from tests.conftest import grade_source, with_reference

SPEED_NOTE = "slower than the reference"


@pytest.fixture
def im2col_workspace(course, workspace):
    """conv_output_size solved (the reference im2col uses it), as a student who reached this exercise has it."""
    shutil.copyfile(course.reference_path("conv_output_size"), workspace.exercise_file("conv_output_size"))
    return workspace


# Wrong im2col versions are complete files; wrong col2im versions replace the reference's col2im.
WRONG_IM2COL = {
    "rows_positions_first": """
        import numpy as np
        def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
            n_img, chans, height, width = input_data.shape
            oh = (height + 2 * pad - filter_h) // stride + 1
            ow = (width + 2 * pad - filter_w) // stride + 1
            img = np.pad(input_data, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
            rows = []
            for oy in range(oh):
                for ox in range(ow):
                    for n in range(n_img):
                        top, left = oy * stride, ox * stride
                        rows.append(img[n, :, top:top + filter_h, left:left + filter_w].reshape(-1))
            return np.array(rows)
        """,
    "columns_channel_last": """
        import numpy as np
        from numpy.lib.stride_tricks import sliding_window_view
        def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
            img = np.pad(input_data, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
            win = sliding_window_view(img, (filter_h, filter_w), axis=(2, 3))[:, :, ::stride, ::stride]
            n, c, oh, ow = win.shape[:4]
            return np.ascontiguousarray(win.transpose(0, 2, 3, 4, 5, 1)).reshape(n * oh * ow, -1)
        """,
    "stride_ignored": """
        import numpy as np
        def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
            n_img, chans, height, width = input_data.shape
            oh = (height + 2 * pad - filter_h) // stride + 1
            ow = (width + 2 * pad - filter_w) // stride + 1
            img = np.zeros((n_img, chans, height + 2 * pad, width + 2 * pad))
            img[:, :, pad:pad + height, pad:pad + width] = input_data
            out = np.empty((n_img, oh, ow, chans * filter_h * filter_w))
            for i in range(oh):
                for j in range(ow):
                    out[:, i, j] = img[:, :, i:i + filter_h, j:j + filter_w].reshape(n_img, -1)
            return out.reshape(-1, chans * filter_h * filter_w)
        """,
    "true_division": """
        import numpy as np
        def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
            n_img, chans, height, width = input_data.shape
            oh = 1 + (height + 2 * pad - filter_h) / stride
            ow = 1 + (width + 2 * pad - filter_w) / stride
            img = np.pad(input_data, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
            out = []
            for n in range(n_img):
                for i in range(oh):
                    for j in range(ow):
                        out.append(img[n, :, i * stride:i * stride + filter_h, j * stride:j * stride + filter_w].ravel())
            return np.array(out)

        def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
            n_img, chans, height, width = input_shape
            oh = 1 + (height + 2 * pad - filter_h) / stride
            ow = 1 + (width + 2 * pad - filter_w) / stride
            img = np.zeros((n_img, chans, height + 2 * pad, width + 2 * pad))
            r = 0
            for n in range(n_img):
                for i in range(oh):
                    for j in range(ow):
                        img[n, :, i * stride:i * stride + filter_h, j * stride:j * stride + filter_w] += col[r].reshape(chans, filter_h, filter_w)
                        r += 1
            return img[:, :, pad:pad + height, pad:pad + width]
        """,
}

WRONG_COL2IM = {
    "col2im_overwrites": """
        def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
            n_img, chans, height, width = input_shape
            oh = (height + 2 * pad - filter_h) // stride + 1
            ow = (width + 2 * pad - filter_w) // stride + 1
            img = np.zeros((n_img, chans, height + 2 * pad, width + 2 * pad))
            patches = col.reshape(n_img, oh, ow, chans, filter_h, filter_w)
            for n in range(n_img):
                for i in range(oh):
                    for j in range(ow):
                        img[n, :, i * stride:i * stride + filter_h, j * stride:j * stride + filter_w] = patches[n, i, j]
            return img[:, :, pad:pad + height, pad:pad + width]
        """,
    "col2im_keeps_padding": """
        def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
            n_img, chans, height, width = input_shape
            oh = (height + 2 * pad - filter_h) // stride + 1
            ow = (width + 2 * pad - filter_w) // stride + 1
            out = np.zeros((n_img, chans, height + 2 * pad, width + 2 * pad))
            n, i, j, c, fy, fx = np.indices((n_img, oh, ow, chans, filter_h, filter_w)).reshape(6, -1)
            np.add.at(out, (n, c, i * stride + fy, j * stride + fx), col.reshape(-1))
            return out
        """,
}

LOOP_OVER_WINDOWS = """
    import numpy as np

    def _sizes(shape, filter_h, filter_w, stride, pad):
        return (shape[2] + 2 * pad - filter_h) // stride + 1, (shape[3] + 2 * pad - filter_w) // stride + 1

    def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
        n_img = input_data.shape[0]
        oh, ow = _sizes(input_data.shape, filter_h, filter_w, stride, pad)
        img = np.pad(input_data, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
        col = np.zeros((n_img * oh * ow, input_data.shape[1] * filter_h * filter_w))
        row = 0
        for n in range(n_img):
            for i in range(oh):
                for j in range(ow):
                    y, x = i * stride, j * stride
                    col[row] = img[n, :, y:y + filter_h, x:x + filter_w].flatten()
                    row += 1
        return col

    def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
        n_img, chans, height, width = input_shape
        oh, ow = _sizes(input_shape, filter_h, filter_w, stride, pad)
        img = np.zeros((n_img, chans, height + 2 * pad, width + 2 * pad))
        row = 0
        for n in range(n_img):
            for i in range(oh):
                for j in range(ow):
                    y, x = i * stride, j * stride
                    img[n, :, y:y + filter_h, x:x + filter_w] += col[row].reshape(chans, filter_h, filter_w)
                    row += 1
        return img[:, :, pad:pad + height, pad:pad + width]
    """

LOOP_OVER_POSITIONS = """
    import numpy as np

    def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
        N, C, H, W = input_data.shape
        oh = (H + 2 * pad - filter_h) // stride + 1
        ow = (W + 2 * pad - filter_w) // stride + 1
        padded = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
        padded[:, :, pad:pad + H, pad:pad + W] = input_data
        out = np.empty((N, oh, ow, C * filter_h * filter_w))
        for i in range(oh):
            for j in range(ow):
                window = padded[:, :, i * stride:i * stride + filter_h, j * stride:j * stride + filter_w]
                out[:, i, j, :] = window.reshape(N, -1)
        return out.reshape(N * oh * ow, -1)

    def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
        N, C, H, W = input_shape
        oh = (H + 2 * pad - filter_h) // stride + 1
        ow = (W + 2 * pad - filter_w) // stride + 1
        blocks = col.reshape(N, oh, ow, C, filter_h, filter_w)
        padded = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
        for i in range(oh):
            for j in range(ow):
                padded[:, :, i * stride:i * stride + filter_h, j * stride:j * stride + filter_w] += blocks[:, i, j]
        return padded[:, :, pad:pad + H, pad:pad + W]
    """

RIGHT = {
    "a loop over every window": LOOP_OVER_WINDOWS,
    "a loop over output positions, batch at once": LOOP_OVER_POSITIONS,
    "filter offsets into a 6-D array, as in the notes": """
        import numpy as np

        def _out(size, k, stride, pad):
            return (size + 2 * pad - k) // stride + 1

        def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
            batch, chans, height, width = input_data.shape
            oh, ow = _out(height, filter_h, stride, pad), _out(width, filter_w, stride, pad)
            framed = np.pad(input_data, [(0, 0), (0, 0), (pad, pad), (pad, pad)], "constant")
            six = np.zeros((batch, chans, filter_h, filter_w, oh, ow))
            for dy in range(filter_h):
                for dx in range(filter_w):
                    six[:, :, dy, dx] = framed[:, :, dy:dy + stride * oh:stride, dx:dx + stride * ow:stride]
            return six.transpose(0, 4, 5, 1, 2, 3).reshape(batch * oh * ow, -1)

        def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
            batch, chans, height, width = input_shape
            oh, ow = _out(height, filter_h, stride, pad), _out(width, filter_w, stride, pad)
            six = col.reshape(batch, oh, ow, chans, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)
            framed = np.zeros((batch, chans, height + 2 * pad + stride - 1, width + 2 * pad + stride - 1))
            for dy in range(filter_h):
                for dx in range(filter_w):
                    framed[:, :, dy:dy + stride * oh:stride, dx:dx + stride * ow:stride] += six[:, :, dy, dx]
            return framed[:, :, pad:pad + height, pad:pad + width]
        """,
    "sliding windows and np.add.at": """
        import numpy as np
        from numpy.lib.stride_tricks import sliding_window_view

        def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
            padded = np.pad(input_data, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
            views = sliding_window_view(padded, (filter_h, filter_w), axis=(2, 3))[:, :, ::stride, ::stride]
            n, c, oh, ow = views.shape[:4]
            return views.transpose(0, 2, 3, 1, 4, 5).reshape(n * oh * ow, c * filter_h * filter_w)

        def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
            n, c, h, w = input_shape
            oh = (h + 2 * pad - filter_h) // stride + 1
            ow = (w + 2 * pad - filter_w) // stride + 1
            img = np.zeros((n, c, h + 2 * pad, w + 2 * pad))
            nn, yy, xx, cc, fy, fx = np.indices((n, oh, ow, c, filter_h, filter_w)).reshape(6, -1)
            np.add.at(img, (nn, cc, yy * stride + fy, xx * stride + fx), col.reshape(-1))
            return img[:, :, pad:pad + h, pad:pad + w]
        """,
}


def _diagnosed(result) -> list[str | None]:
    return [c.misconception for c in result.checks if not c.passed]


def _speed_notes(result) -> list[str]:
    return [note for c in result.checks for note in c.notes if SPEED_NOTE in note]


@pytest.mark.parametrize("misconception", sorted(WRONG_IM2COL))
def test_wrong_im2col_is_rejected_with_its_hint(course, im2col_workspace, misconception):
    result = grade_source(course, im2col_workspace, "im2col", WRONG_IM2COL[misconception])
    assert result.status in (ExerciseStatus.FAILED, ExerciseStatus.ERROR)
    assert misconception in _diagnosed(result), [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]
    expected = next(m.message for m in course.exercise("im2col").misconceptions if m.id == misconception)
    assert any(c.hint == expected for c in result.checks)


@pytest.mark.parametrize("misconception", sorted(WRONG_COL2IM))
def test_wrong_col2im_is_rejected_with_its_hint(course, im2col_workspace, misconception):
    result = grade_source(course, im2col_workspace, "im2col", with_reference(course, "im2col", WRONG_COL2IM[misconception]))
    assert result.status is ExerciseStatus.FAILED
    failed = {c.name for c in result.checks if not c.passed}
    assert failed == {"col2im is the adjoint of im2col", "col2im adds overlapping windows and drops the padding", "col2im(im2col(x)): each pixel times the number of windows over it"}
    assert misconception in _diagnosed(result), [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]


@pytest.mark.parametrize("style", sorted(RIGHT))
def test_correct_im2col_written_differently_passes(course, im2col_workspace, style):
    result = grade_source(course, im2col_workspace, "im2col", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


@pytest.mark.parametrize("style", ["a loop over every window", "a loop over output positions, batch at once"])
def test_a_loop_over_output_positions_passes_with_a_speed_note(course, im2col_workspace, style):
    result = grade_source(course, im2col_workspace, "im2col", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED
    notes = _speed_notes(result)
    assert len(notes) == 1, [c.notes for c in result.checks]
    assert notes[0].startswith("correct, but about ")
    ratio = int(notes[0].removeprefix("correct, but about ").split("x", 1)[0])
    assert ratio > 20
    assert "im2col(x, 3, 3, 1, 1)" in notes[0] and "filter offsets (fy, fx)" in notes[0]


@pytest.mark.parametrize("style", ["filter offsets into a 6-D array, as in the notes", "sliding windows and np.add.at"])
def test_a_vectorised_solution_gets_no_speed_note(course, im2col_workspace, style):
    result = grade_source(course, im2col_workspace, "im2col", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED
    assert _speed_notes(result) == []


def test_the_reference_grades_quickly(course, im2col_workspace):
    result = grade_source(course, im2col_workspace, "im2col", course.reference_path("im2col").read_text())
    assert result.status is ExerciseStatus.PASSED
    assert result.duration_s < 1.0  # the speed note's timing included; well under 0.2 s on an idle machine


def test_a_shape_mistake_names_both_shapes(course, im2col_workspace):
    source = with_reference(course, "im2col", """
        _right = im2col
        def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
            return _right(input_data, filter_h, filter_w, stride, pad).T
        """)
    result = grade_source(course, im2col_workspace, "im2col", source)
    shape = next(c for c in result.checks if c.name.startswith("output shape"))
    assert not shape.passed
    assert "im2col returned shape (" in shape.summary and "one row per window" in shape.summary


def test_the_text_report_shows_the_speed_note_of_a_passing_exercise(course, im2col_workspace):
    im2col_workspace.exercise_file("im2col").write_text(textwrap.dedent(LOOP_OVER_WINDOWS))
    out, err = io.StringIO(), io.StringIO()
    code = main(["im2col", "--workspace", str(im2col_workspace.root), "--no-color"], stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    text = " ".join(out.getvalue().split())
    assert "note (im2col on random shapes, strides and paddings): correct, but about" in text

