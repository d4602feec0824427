"""Find, load and validate a course: its topics, exercise specs, references and wrong implementations.

A course root holds `course/course.toml`, `course/exercises/<id>.toml`, the stubs in
`exercises/`, the references in `solutions/`, and known-wrong and alternative implementations in
`course/misconceptions/<id>/` and `course/variants/<id>/`. References and wrong implementations
are loaded into the grader's process (never into the student's) as modules of one synthetic
package, so `from .layers import Affine` inside them finds the sibling reference.

A misconception or variant file states only what it changes: it runs in a module where the
reference has just run, so it sees every name of the reference and redefines a function, or
subclasses the reference's class (`class Dropout(Dropout):`) to override one method. That is the
reference's text followed by the change's, which `combined_source` spells out for a student's file.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import sys
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import ModuleType

from pydantic import ValidationError

from grader.paths import bundled_course_root
from grader.spec import CourseSpec, ExerciseSpec, Topic
from grader.spec_base import Problems, relative_name

REFERENCE_PACKAGE = "_grade_reference"
_LOADING = threading.RLock()  # exercises graded in parallel threads load references through one door


class CourseError(Exception):
    """The course on disk is invalid; `str()` is one line naming the file, the field and the reason."""


def _rel(path: Path, root: Path) -> str:
    return relative_name(path, root)


def read_toml(path: Path, root: Path) -> dict:
    """The TOML file's data; a `CourseError` naming the file if it is missing or broken."""
    return Problems(root, CourseError, collect=False).readable(path) or {}


@dataclass
class Course:
    """A validated course, ready to grade against."""

    root: Path
    spec: CourseSpec
    exercises: dict[str, ExerciseSpec]
    _modules: dict[str, ModuleType] = field(default_factory=dict, repr=False)
    _sources: dict[Path, bytes] = field(default_factory=dict, repr=False)
    """Trusted code read into memory before any student code ran (see `capture`)."""

    @property
    def title(self) -> str:
        return self.spec.title

    @cached_property
    def topics(self) -> dict[str, Topic]:
        return {t.id: t for t in self.spec.topics}

    def exercise(self, exercise_id: str) -> ExerciseSpec:
        return self.exercises[exercise_id]

    def position(self, exercise_id: str) -> int:
        """The exercise's place in the course order, from 1."""
        return self.spec.exercises.index(exercise_id) + 1

    def stub_path(self, exercise_id: str) -> Path:
        return self.root / "exercises" / f"{exercise_id}.py"

    def reference_path(self, exercise_id: str) -> Path:
        return self.root / "solutions" / f"{exercise_id}.py"

    def data_path(self, name: str) -> Path:
        return self.root / "course" / "data" / name

    def wrong_path(self, exercise_id: str, misconception_id: str) -> Path:
        return self.root / "course" / "misconceptions" / exercise_id / f"{misconception_id}.py"

    def variant_path(self, exercise_id: str, variant_id: str) -> Path:
        return self.root / "course" / "variants" / exercise_id / f"{variant_id}.py"

    def trusted_files(self, exercise_id: str) -> list[Path]:
        """The reference, the variants and the known-wrong implementations of one exercise."""
        spec = self.exercise(exercise_id)
        return [
            self.reference_path(exercise_id),
            *(self.variant_path(exercise_id, v.id) for v in spec.variants),
            *(self.wrong_path(exercise_id, m.id) for m in spec.misconceptions),
        ]

    def capture(self, exercise_ids: list[str]) -> str:
        """Read every trusted implementation of these exercises into memory; return their fingerprint.

        Called before any student code runs: what the grader compares against is then fixed,
        whatever happens to the files on disk during the run.
        """
        digest = hashlib.sha256()
        wanted = [self.reference_path(e) for e in self.exercises]  # references import their siblings
        for exercise_id in exercise_ids:
            wanted += self.trusted_files(exercise_id)
        with _LOADING:
            for path in dict.fromkeys(wanted):
                if path not in self._sources:
                    try:
                        self._sources[path] = path.read_bytes()
                    except OSError as exc:
                        raise CourseError(f"{_rel(path, self.root)}: cannot be read ({exc.strerror})") from None
                digest.update(str(_rel(path, self.root)).encode() + b"\0" + self._sources[path] + b"\0")
        return digest.hexdigest()

    # Implementations in the grader's process ---------------------------------------------------

    def reference(self, exercise_id: str) -> ModuleType:
        """The reference solution, imported once."""
        return self._load(f"{REFERENCE_PACKAGE}.{exercise_id}", self.reference_path(exercise_id))

    def misconception(self, exercise_id: str, misconception_id: str) -> ModuleType:
        return self._overlay(exercise_id, "wrong", misconception_id, self.wrong_path(exercise_id, misconception_id))

    def variant(self, exercise_id: str, variant_id: str) -> ModuleType:
        return self._overlay(exercise_id, "variant", variant_id, self.variant_path(exercise_id, variant_id))

    def _overlay(self, exercise_id: str, kind: str, name: str, path: Path) -> ModuleType:
        """A module where the reference runs first and then the change in `path`, in one namespace.

        Running the reference again (rather than copying its names) gives the change fresh objects
        to subclass and lets the reference's own functions see a helper the change redefines, as
        they would in `combined_source`.
        """
        with _LOADING:
            key = f"{REFERENCE_PACKAGE}._{kind}_{exercise_id}_{name}"
            return self._load_locked(key, self.reference_path(exercise_id), path)

    def _load(self, name: str, path: Path) -> ModuleType:
        with _LOADING:
            return self._load_locked(name, path)

    def _load_locked(self, name: str, *paths: Path) -> ModuleType:
        """The module `name`, made once by running the sources at `paths` in turn in its namespace."""
        if name in self._modules:
            return self._modules[name]
        self._ensure_package()
        module = ModuleType(name)
        module.__file__ = str(paths[-1])
        module.__package__ = REFERENCE_PACKAGE
        sys.modules[name] = module
        for path in paths:
            source = self._source(path)
            try:
                exec(compile(source, str(path), "exec"), module.__dict__)
            except Exception as exc:
                del sys.modules[name]
                raise CourseError(f"{_rel(path, self.root)}: importing it failed ({type(exc).__name__}: {exc})") from exc
        self._modules[name] = module
        return module

    def _source(self, path: Path) -> bytes:
        """The captured text of a trusted file, read now if `capture` did not."""
        source = self._sources.get(path)
        if source is None:
            try:
                source = self._sources[path] = path.read_bytes()
            except OSError:
                raise CourseError(f"{_rel(path, self.root)}: file not found") from None
        return source

    def _ensure_package(self) -> None:
        package = sys.modules.get(REFERENCE_PACKAGE)
        if package is None or getattr(package, "__course_root__", None) != self.root:
            for key in [k for k in sys.modules if k == REFERENCE_PACKAGE or k.startswith(REFERENCE_PACKAGE + ".")]:
                del sys.modules[key]
            package = ModuleType(REFERENCE_PACKAGE)
            package.__path__ = []  # nothing is looked up on disk: `_ReferenceFinder` serves the siblings
            package.__package__ = REFERENCE_PACKAGE
            package.__course_root__ = self.root  # type: ignore[attr-defined]
            sys.modules[REFERENCE_PACKAGE] = package
        _FINDER.course = self
        if _FINDER not in sys.meta_path:
            sys.meta_path.insert(0, _FINDER)


def combined_source(reference: str, change: str) -> str:
    """One self-contained text that behaves like an overlay: the reference's text, then the change's.

    A student's file runs in a sandbox that cannot import the reference, so a test that submits a
    misconception as a student's file writes both texts into it, in this order.
    """
    return reference + "\n\n" + change


class _ReferenceFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves `from .layers import Affine` inside a reference from the course's captured sources."""

    course: Course | None = None

    def find_spec(self, fullname, path, target=None):  # noqa: D401 - importlib protocol
        prefix, _, name = fullname.partition(".")
        if prefix != REFERENCE_PACKAGE or not name or "." in name or self.course is None:
            return None
        if name not in self.course.exercises:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec):
        assert self.course is not None
        name = spec.name.partition(".")[2]
        return self.course._load_locked(spec.name, self.course.reference_path(name))

    def exec_module(self, module) -> None:
        pass  # `create_module` already ran it


_FINDER = _ReferenceFinder()


def load_course(root: Path | None = None) -> Course:
    """Load and validate every spec of the course at `root` (the bundled course by default).

    A broken course raises one `CourseError` with its first problem and a count of the others;
    `course_problems` lists them all.
    """
    root = (root or bundled_course_root()).resolve()
    problems = Problems(root, CourseError, collect=False)
    return _read_course(root, problems)  # type: ignore[return-value]  # raises rather than returning None


def course_problems(root: Path) -> list[str]:
    """Every problem that keeps the course at `root` from loading, each one line `file: field: reason`."""
    return checked_course(root)[1]


def checked_course(root: Path) -> tuple[Course | None, list[str]]:
    """The course at `root` and every problem found loading it (the course is None when there are any)."""
    problems = Problems(root.resolve(), CourseError, collect=True)
    return _read_course(root.resolve(), problems), problems.lines


def _read_course(root: Path, problems: Problems) -> Course | None:
    course_file = root / "course" / "course.toml"
    data = problems.readable(course_file)
    if data is None:
        return None
    try:
        spec = CourseSpec.model_validate(data)
    except ValidationError as exc:
        problems.invalid(course_file, CourseSpec, exc)
        return None
    exercises: dict[str, ExerciseSpec] = {}
    topic_ids = {t.id for t in spec.topics}
    for position, exercise_id in enumerate(spec.exercises):
        path = root / "course" / "exercises" / f"{exercise_id}.toml"
        data = problems.readable(path)
        if data is None:
            continue
        try:
            exercise = ExerciseSpec.model_validate(data)
        except ValidationError as exc:
            problems.invalid(path, ExerciseSpec, exc)
            continue
        if exercise.id != exercise_id:
            problems.add(path, f"id: is {exercise.id!r} but the file name says {exercise_id!r}")
        if exercise.topic not in topic_ids:
            problems.add(path, f"topic: unknown topic {exercise.topic!r} (course topics: {', '.join(sorted(topic_ids))})")
        for required in exercise.requires:
            if required not in spec.exercises[:position]:
                problems.add(path, f"requires: {required!r} is not an earlier exercise of the course")
        for kind, items in (("misconceptions", exercise.misconceptions), ("variants", exercise.variants)):
            for index, item in enumerate(items):
                file = root / "course" / kind / exercise_id / f"{item.id}.py"
                if not file.is_file():
                    problems.add(path, f"{kind}[{index}].id: no implementation file {_rel(file, root)}")
        for kind, file in (("stub", root / "exercises" / f"{exercise_id}.py"), ("reference", root / "solutions" / f"{exercise_id}.py")):
            if not file.is_file():
                problems.add(path, f"the {kind} {_rel(file, root)} is missing")
        exercises[exercise_id] = exercise
    if problems.lines:
        return None
    return Course(root, spec, exercises)
