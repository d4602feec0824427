"""A class of submissions made from known-right and known-wrong implementations of the sample course."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

RIGHT = [
    "def double(x):\n    return 2 * x\n",
    "def double(x):\n    return x + x\n",
    "import numpy as np\n\n\ndef double(x):\n    return np.multiply(x, 2)\n",
    "def double(x):\n    y = x.copy()\n    y *= 2\n    return y\n",
]
WRONG = {
    "adds_one": "def double(x):\n    return x + 1\n",
    "triples": "def double(x):\n    return 3 * x\n",
    "in_place": "def double(x):\n    x *= 2\n    return x\n",
    "not_started": "def double(x):\n    # TODO: return twice x\n    raise NotImplementedError\n",
    "syntax_error": "def double(x)\n    return 2 * x\n",
}


@dataclass(frozen=True)
class Student:
    name: str
    kind: str
    """`right`, or the name of the mistake."""
    path: Path


def make_class(folder: Path, size: int = 40) -> list[Student]:
    """`size` submissions in three layouts (exercises/ folder, loose file, zip), every one distinct."""
    folder.mkdir(parents=True)
    kinds = [("right", text) for text in RIGHT] + list(WRONG.items())
    students = []
    for number in range(size):
        kind, text = kinds[number % len(kinds)]
        source = f"# student {number}\n{text}"
        name = f"s{number:02d}"
        layout = number % 3
        if layout == 0:
            path = folder / name
            (path / "exercises").mkdir(parents=True)
            (path / "exercises" / "doubling.py").write_text(source)
        elif layout == 1:
            path = folder / name
            path.mkdir()
            (path / "doubling.py").write_text(source)
        else:
            path = folder / f"{name}.zip"
            with zipfile.ZipFile(path, "w") as archive:
                archive.writestr(f"{name}/exercises/doubling.py", source)
        students.append(Student(name, kind, path))
    return students


@pytest.fixture
def a_class(tmp_path) -> list[Student]:
    return make_class(tmp_path / "class")
