"""conv_layers: known-wrong convolution and pooling layers (written differently from the course's
own wrong files) are rejected with their targeted message; differently written correct ones pass,
and layers that loop over every output position pass with a note on their speed."""

from __future__ import annotations

import shutil

import pytest

from grader.results import ExerciseStatus
from tests.conftest import grade_source, with_reference

SPEED_NOTE = "slower than the reference"


@pytest.fixture
def conv_workspace(course, workspace):
    """im2col (and the conv_output_size it uses) solved, as a student who reached this exercise has them."""
    for sibling in ("conv_output_size", "im2col"):
        shutil.copyfile(course.reference_path(sibling), workspace.exercise_file(sibling))
    return workspace


# Each wrong version replaces one class of the reference (the names it defines win).
WRONG = {
    "filters_not_flattened": """
        class Convolution:
            def __init__(self, W, b, stride=1, pad=0):
                self.W, self.b, self.stride, self.pad = W, b, stride, pad
            def forward(self, x):
                fn, c, fh, fw = self.W.shape
                n, _, h, w = x.shape
                oh = (h + 2 * self.pad - fh) // self.stride + 1
                ow = (w + 2 * self.pad - fw) // self.stride + 1
                self.x_shape = x.shape
                self.cols = im2col(x, fh, fw, self.stride, self.pad)
                self.kernel = self.W.reshape(c * fh * fw, fn)
                return (np.matmul(self.cols, self.kernel) + self.b).reshape(n, oh, ow, fn).transpose(0, 3, 1, 2)
            def backward(self, dout):
                fn, c, fh, fw = self.W.shape
                g = dout.transpose(0, 2, 3, 1).reshape(-1, fn)
                self.db = g.sum(axis=0)
                self.dW = np.matmul(self.cols.T, g).T.reshape(self.W.shape)
                return col2im(np.matmul(g, self.kernel.T), self.x_shape, fh, fw, self.stride, self.pad)
        """,
    "no_transpose_back": """
        class Convolution:
            def __init__(self, W, b, stride=1, pad=0):
                self.W, self.b, self.stride, self.pad = W, b, stride, pad
            def forward(self, x):
                fn, c, fh, fw = self.W.shape
                n, _, h, w = x.shape
                oh = (h + 2 * self.pad - fh) // self.stride + 1
                ow = (w + 2 * self.pad - fw) // self.stride + 1
                self.x_shape = x.shape
                self.cols = im2col(x, fh, fw, self.stride, self.pad)
                flat = np.einsum("rk,fk->rf", self.cols, self.W.reshape(fn, -1)) + self.b
                return flat.reshape(n, -1, oh, ow)
            def backward(self, dout):
                fn, c, fh, fw = self.W.shape
                g = dout.transpose(0, 2, 3, 1).reshape(-1, fn)
                self.db = g.sum(axis=0)
                self.dW = (self.cols.T @ g).T.reshape(self.W.shape)
                return col2im(g @ self.W.reshape(fn, -1), self.x_shape, fh, fw, self.stride, self.pad)
        """,
    "db_not_summed": """
        class Convolution:
            def __init__(self, W, b, stride=1, pad=0):
                self.W, self.b, self.stride, self.pad = W, b, stride, pad
            def forward(self, x):
                fn, c, fh, fw = self.W.shape
                n, _, h, w = x.shape
                oh = (h + 2 * self.pad - fh) // self.stride + 1
                ow = (w + 2 * self.pad - fw) // self.stride + 1
                self.shape_in = x.shape
                self.patches = im2col(x, fh, fw, self.stride, self.pad)
                out = self.patches @ self.W.reshape(fn, -1).T + self.b
                return out.reshape(n, oh, ow, fn).transpose(0, 3, 1, 2)
            def backward(self, dout):
                fn = self.W.shape[0]
                self.db = np.add.reduce(dout, axis=0)
                g = np.moveaxis(dout, 1, -1).reshape(-1, fn)
                self.dW = (g.T @ self.patches).reshape(self.W.shape)
                dpatches = g @ self.W.reshape(fn, -1)
                return col2im(dpatches, self.shape_in, self.W.shape[2], self.W.shape[3], self.stride, self.pad)
        """,
    "dw_no_transpose": """
        class Convolution:
            def __init__(self, W, b, stride=1, pad=0):
                self.W, self.b, self.stride, self.pad = W, b, stride, pad
            def forward(self, x):
                fn, c, fh, fw = self.W.shape
                n, _, h, w = x.shape
                oh = (h + 2 * self.pad - fh) // self.stride + 1
                ow = (w + 2 * self.pad - fw) // self.stride + 1
                self.shape_in = x.shape
                self.patches = im2col(x, fh, fw, self.stride, self.pad)
                out = self.patches @ self.W.reshape(fn, -1).T + self.b
                return out.reshape(n, oh, ow, fn).transpose(0, 3, 1, 2)
            def backward(self, dout):
                fn = self.W.shape[0]
                g = np.moveaxis(dout, 1, -1).reshape(-1, fn)
                self.db = g.sum(axis=0)
                self.dW = np.reshape(self.patches.T.dot(g), self.W.shape)
                dpatches = g @ self.W.reshape(fn, -1)
                return col2im(dpatches, self.shape_in, self.W.shape[2], self.W.shape[3], self.stride, self.pad)
        """,
    "pool_mean": """
        class Pooling:
            def __init__(self, pool_h, pool_w, stride=2, pad=0):
                self.ph, self.pw, self.stride, self.pad = pool_h, pool_w, stride, pad
            def forward(self, x):
                n, c, h, w = x.shape
                oh = (h + 2 * self.pad - self.ph) // self.stride + 1
                ow = (w + 2 * self.pad - self.pw) // self.stride + 1
                self.x_shape = x.shape
                xp = np.pad(x, ((0, 0), (0, 0), (self.pad, self.pad), (self.pad, self.pad)))
                out = np.zeros((n, c, oh, ow))
                for i in range(oh):
                    for j in range(ow):
                        s, t = i * self.stride, j * self.stride
                        out[:, :, i, j] = xp[:, :, s:s + self.ph, t:t + self.pw].mean(axis=(2, 3))
                return out
            def backward(self, dout):
                n, c, h, w = self.x_shape
                dxp = np.zeros((n, c, h + 2 * self.pad, w + 2 * self.pad))
                for i in range(dout.shape[2]):
                    for j in range(dout.shape[3]):
                        s, t = i * self.stride, j * self.stride
                        dxp[:, :, s:s + self.ph, t:t + self.pw] += dout[:, :, i, j][:, :, None, None] / (self.ph * self.pw)
                return dxp[:, :, self.pad:self.pad + h, self.pad:self.pad + w]
        """,
    "pool_backward_spread": """
        class Pooling:
            def __init__(self, pool_h, pool_w, stride=2, pad=0):
                self.ph, self.pw, self.stride, self.pad = pool_h, pool_w, stride, pad
            def forward(self, x):
                n, c, h, w = x.shape
                self.x_shape = x.shape
                rows = im2col(x, self.ph, self.pw, self.stride, self.pad).reshape(-1, self.ph * self.pw)
                oh = (h + 2 * self.pad - self.ph) // self.stride + 1
                return rows.max(axis=1).reshape(n, oh, -1, c).transpose(0, 3, 1, 2)
            def backward(self, dout):
                c = self.x_shape[1]
                share = np.moveaxis(dout, 1, -1).reshape(-1, 1) * np.full((1, self.ph * self.pw), 1.0 / (self.ph * self.pw))
                return col2im(share.reshape(-1, c * self.ph * self.pw), self.x_shape, self.ph, self.pw, self.stride, self.pad)
        """,
}

DIRECT_LOOPS = """
    import numpy as np

    class Convolution:
        def __init__(self, W, b, stride=1, pad=0):
            self.W, self.b, self.stride, self.pad = W, b, stride, pad

        def forward(self, x):
            fn, c, fh, fw = self.W.shape
            n, _, h, w = x.shape
            oh = (h + 2 * self.pad - fh) // self.stride + 1
            ow = (w + 2 * self.pad - fw) // self.stride + 1
            self.xp = np.pad(x, ((0, 0), (0, 0), (self.pad, self.pad), (self.pad, self.pad)))
            self.x_shape = x.shape
            out = np.zeros((n, fn, oh, ow))
            for i in range(oh):
                for j in range(ow):
                    s, t = i * self.stride, j * self.stride
                    window = self.xp[:, :, s:s + fh, t:t + fw]
                    out[:, :, i, j] = np.tensordot(window, self.W, axes=([1, 2, 3], [1, 2, 3])) + self.b
            return out

        def backward(self, dout):
            fn, c, fh, fw = self.W.shape
            n, _, h, w = self.x_shape
            dxp = np.zeros_like(self.xp)
            self.dW = np.zeros_like(self.W)
            self.db = dout.sum(axis=(0, 2, 3))
            for i in range(dout.shape[2]):
                for j in range(dout.shape[3]):
                    s, t = i * self.stride, j * self.stride
                    g = dout[:, :, i, j]
                    self.dW += np.tensordot(g, self.xp[:, :, s:s + fh, t:t + fw], axes=([0], [0]))
                    dxp[:, :, s:s + fh, t:t + fw] += np.tensordot(g, self.W, axes=([1], [0]))
            return dxp[:, :, self.pad:self.pad + h, self.pad:self.pad + w]

    class Pooling:
        def __init__(self, pool_h, pool_w, stride=2, pad=0):
            self.pool_h, self.pool_w, self.stride, self.pad = pool_h, pool_w, stride, pad

        def forward(self, x):
            n, c, h, w = x.shape
            oh = (h + 2 * self.pad - self.pool_h) // self.stride + 1
            ow = (w + 2 * self.pad - self.pool_w) // self.stride + 1
            self.xp = np.pad(x, ((0, 0), (0, 0), (self.pad, self.pad), (self.pad, self.pad)))
            self.x_shape = x.shape
            out = np.zeros((n, c, oh, ow))
            for i in range(oh):
                for j in range(ow):
                    s, t = i * self.stride, j * self.stride
                    out[:, :, i, j] = self.xp[:, :, s:s + self.pool_h, t:t + self.pool_w].max(axis=(2, 3))
            return out

        def backward(self, dout):
            n, c, h, w = self.x_shape
            dxp = np.zeros_like(self.xp)
            for i in range(dout.shape[2]):
                for j in range(dout.shape[3]):
                    s, t = i * self.stride, j * self.stride
                    window = self.xp[:, :, s:s + self.pool_h, t:t + self.pool_w].reshape(n, c, -1)
                    k = window.argmax(axis=2)
                    dy, dx = np.unravel_index(k, (self.pool_h, self.pool_w))
                    nn, cc = np.indices((n, c))
                    np.add.at(dxp, (nn, cc, s + dy, t + dx), dout[:, :, i, j])
            return dxp[:, :, self.pad:self.pad + h, self.pad:self.pad + w]
    """

RIGHT = {
    "direct loops over output positions": DIRECT_LOOPS,
    "im2col and a matrix product, as in the notes": """
        import numpy as np
        from exercises.im2col import im2col, col2im

        class Convolution:
            def __init__(self, W, b, stride=1, pad=0):
                self.W = W
                self.b = b
                self.stride = stride
                self.pad = pad

            def forward(self, x):
                n_filters, _, f_h, f_w = self.W.shape
                batch, _, height, width = x.shape
                rows_out = int((height + 2 * self.pad - f_h) / self.stride) + 1
                cols_out = int((width + 2 * self.pad - f_w) / self.stride) + 1
                self.input_shape = x.shape
                self.patches = im2col(x, f_h, f_w, self.stride, self.pad)
                self.kernels = self.W.reshape(n_filters, -1).T
                result = np.dot(self.patches, self.kernels) + self.b
                return result.reshape(batch, rows_out, cols_out, n_filters).transpose(0, 3, 1, 2)

            def backward(self, dout):
                n_filters, channels, f_h, f_w = self.W.shape
                grad = dout.transpose(0, 2, 3, 1).reshape(-1, n_filters)
                self.db = grad.sum(axis=0)
                self.dW = np.dot(self.patches.T, grad).T.reshape(n_filters, channels, f_h, f_w)
                return col2im(np.dot(grad, self.kernels.T), self.input_shape, f_h, f_w, self.stride, self.pad)

        class Pooling:
            def __init__(self, pool_h, pool_w, stride=2, pad=0):
                self.pool_h = pool_h
                self.pool_w = pool_w
                self.stride = stride
                self.pad = pad

            def forward(self, x):
                batch, channels, height, width = x.shape
                rows_out = int((height + 2 * self.pad - self.pool_h) / self.stride) + 1
                cols_out = int((width + 2 * self.pad - self.pool_w) / self.stride) + 1
                windows = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad)
                windows = windows.reshape(-1, self.pool_h * self.pool_w)
                self.input_shape = x.shape
                self.winner = np.argmax(windows, axis=1)
                best = np.max(windows, axis=1)
                return best.reshape(batch, rows_out, cols_out, channels).transpose(0, 3, 1, 2)

            def backward(self, dout):
                grad = dout.transpose(0, 2, 3, 1).ravel()
                size = self.pool_h * self.pool_w
                spread = np.zeros((grad.size, size))
                spread[np.arange(grad.size), self.winner] = grad
                channels = self.input_shape[1]
                return col2im(spread.reshape(-1, channels * size), self.input_shape, self.pool_h, self.pool_w, self.stride, self.pad)
        """,
    "einsum over sliding windows, a boolean mask for pooling": """
        import numpy as np
        from numpy.lib.stride_tricks import sliding_window_view
        from exercises.im2col import im2col, col2im

        def _windows(x, fh, fw, stride, pad):
            xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
            return sliding_window_view(xp, (fh, fw), axis=(2, 3))[:, :, ::stride, ::stride]

        class Convolution:
            def __init__(self, W, b, stride=1, pad=0):
                self.W, self.b, self.stride, self.pad = W, b, stride, pad

            def forward(self, x):
                self.x = x
                win = _windows(x, self.W.shape[2], self.W.shape[3], self.stride, self.pad)
                return np.einsum("ncijkl,fckl->nfij", win, self.W) + self.b[None, :, None, None]

            def backward(self, dout):
                fn, c, fh, fw = self.W.shape
                win = _windows(self.x, fh, fw, self.stride, self.pad)
                self.db = dout.sum(axis=(0, 2, 3))
                self.dW = np.einsum("nfij,ncijkl->fckl", dout, win)
                dcol = np.einsum("nfij,fckl->nijckl", dout, self.W).reshape(-1, c * fh * fw)
                return col2im(dcol, self.x.shape, fh, fw, self.stride, self.pad)

        class Pooling:
            def __init__(self, pool_h, pool_w, stride=2, pad=0):
                self.pool_h, self.pool_w, self.stride, self.pad = pool_h, pool_w, stride, pad

            def forward(self, x):
                n, c, h, w = x.shape
                rows = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad).reshape(-1, self.pool_h * self.pool_w)
                first_max = np.zeros(rows.shape, dtype=bool)
                first_max[np.arange(len(rows)), rows.argmax(axis=1)] = True
                self.mask, self.shape = first_max, x.shape
                oh = (h + 2 * self.pad - self.pool_h) // self.stride + 1
                ow = (w + 2 * self.pad - self.pool_w) // self.stride + 1
                return rows.max(axis=1).reshape(n, oh, ow, c).transpose(0, 3, 1, 2)

            def backward(self, dout):
                routed = self.mask * dout.transpose(0, 2, 3, 1).reshape(-1, 1)
                c = self.shape[1]
                return col2im(routed.reshape(-1, c * self.pool_h * self.pool_w), self.shape, self.pool_h, self.pool_w, self.stride, self.pad)
        """,
}


def _speed_notes(result) -> dict[str, str]:
    return {c.name: note for c in result.checks for note in c.notes if SPEED_NOTE in note}


@pytest.mark.parametrize("misconception", sorted(WRONG))
def test_wrong_layer_is_rejected_with_its_hint(course, conv_workspace, misconception):
    result = grade_source(course, conv_workspace, "conv_layers", with_reference(course, "conv_layers", WRONG[misconception]))
    assert result.status in (ExerciseStatus.FAILED, ExerciseStatus.ERROR)
    diagnosed = [c.misconception for c in result.checks if not c.passed]
    assert misconception in diagnosed, [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]
    expected = next(m.message for m in course.exercise("conv_layers").misconceptions if m.id == misconception)
    assert any(c.hint == expected for c in result.checks)


@pytest.mark.parametrize("style", sorted(RIGHT))
def test_correct_layers_written_differently_pass(course, conv_workspace, style):
    result = grade_source(course, conv_workspace, "conv_layers", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


def test_direct_loops_pass_with_a_speed_note_on_both_layers(course, conv_workspace):
    result = grade_source(course, conv_workspace, "conv_layers", DIRECT_LOOPS)
    assert result.status is ExerciseStatus.PASSED
    notes = _speed_notes(result)
    assert set(notes) == {"convolution forward on random shapes, strides and paddings", "max pooling forward, channel by channel"}
    for note in notes.values():
        ratio = int(note.removeprefix("correct, but about ").split("x", 1)[0])
        assert ratio > 20
    assert "layer.forward(x)" in notes["convolution forward on random shapes, strides and paddings"]
    assert "one matrix product" in notes["convolution forward on random shapes, strides and paddings"]
    assert "maximum of every row" in notes["max pooling forward, channel by channel"]


@pytest.mark.parametrize("style", ["im2col and a matrix product, as in the notes", "einsum over sliding windows, a boolean mask for pooling"])
def test_vectorised_layers_get_no_speed_note(course, conv_workspace, style):
    result = grade_source(course, conv_workspace, "conv_layers", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED
    assert _speed_notes(result) == {}


def test_an_unfinished_im2col_is_named(course, workspace):
    """With the stub of im2col still in place, the failure points at the exercise to finish first."""
    shutil.copyfile(course.reference_path("conv_output_size"), workspace.exercise_file("conv_output_size"))
    result = grade_source(course, workspace, "conv_layers", course.reference_path("conv_layers").read_text())
    assert result.status is ExerciseStatus.ERROR
    assert "finish `im2col` first" in result.checks[0].summary


def test_the_reference_grades_quickly(course, conv_workspace):
    result = grade_source(course, conv_workspace, "conv_layers", course.reference_path("conv_layers").read_text())
    assert result.status is ExerciseStatus.PASSED
    assert result.duration_s < 1.0  # gradient probes and the speed notes' timing included
