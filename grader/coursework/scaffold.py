"""`grade course new`: start a course, an exercise or a question from templates that already validate.

Scaffolding never overwrites: every file it would write must be new. An exercise gets its stub
(docstring sections and `# TODO`), a reference to fill in, a spec with one check of each common
kind and commented examples of the others, and a misconception folder; its id is added to the
course map's `exercises` list. A question of any kind is appended to a bank file.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from grader.coursework import scaffold_templates as templates


class ScaffoldError(Exception):
    """The scaffold cannot be written; `str()` is one line."""


@dataclass(frozen=True)
class Scaffolded:
    """What was written, relative to the course root, and what to do next."""

    files: tuple[str, ...]
    next_step: str


EXERCISE_SHAPES = ("function", "layer")
"""What an exercise scaffold asks the student for: one function of an array, or a layer class."""


def new_course(root: Path, title: str) -> Scaffolded:
    """A course folder with its map, one topic, empty `exercises/` and `solutions/`, and the JSON Schemas."""
    root = root.expanduser().resolve()
    if root.exists() and any(root.iterdir()):
        raise ScaffoldError(f"{root} already exists and is not empty; choose a new folder")
    files = {
        "course/course.toml": templates.COURSE_MAP.format(title=json.dumps(title)),
        "README.md": templates.COURSE_README.format(title=title),
        "exercises/__init__.py": '"""The stubs students fill in."""\n',
        "solutions/__init__.py": '"""The reference solutions."""\n',
    }
    for folder in ("course/exercises", "course/misconceptions", "course/data"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    _write_new(root, files)
    from grader.spec_schema import write_schemas

    schemas = [str(path.relative_to(root)) for path in write_schemas(root / "course" / "schemas")]
    return Scaffolded((*files, *schemas), f"cd {root.name} && grade course new exercise ID")


def new_exercise(root: Path, exercise_id: str, *, shape: str = "function", name: str | None = None,
                 title: str | None = None, topic: str | None = None) -> Scaffolded:
    """Stub, reference, spec and misconception folder for a new exercise, listed in the course map."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", exercise_id):
        raise ScaffoldError(f"{exercise_id!r} is not an exercise id (lower-case letters, digits and _, starting with a letter)")
    if shape not in EXERCISE_SHAPES:
        raise ScaffoldError(f"unknown exercise shape {shape!r} (the shapes are {', '.join(EXERCISE_SHAPES)})")
    course_map = root / "course" / "course.toml"
    data = _course_map(course_map)
    if exercise_id in data.get("exercises", []):
        raise ScaffoldError(f"course/course.toml: the course already has an exercise {exercise_id!r}")
    topics = [t.get("id") for t in data.get("topics", []) if isinstance(t, dict)]
    topic = topic or (topics[-1] if topics else None)
    if topic not in topics:
        raise ScaffoldError(f"course/course.toml: no topic {topic!r} (topics: {', '.join(map(str, topics)) or 'none'})")
    if name is None:
        name = exercise_id if shape == "function" else "".join(part.title() for part in exercise_id.split("_"))
    if not name.isidentifier():
        raise ScaffoldError(f"{name!r} is not a Python name")
    title = title or exercise_id.replace("_", " ").capitalize()
    section = next((t.get("section", "") for t in data["topics"] if t.get("id") == topic), "") or "see the notes"
    fields = {
        "id": exercise_id, "name": name, "title": title, "topic": topic, "section": section,
        "summary": f"TODO: one sentence on what {name} does.",
    }
    stub, reference, spec = {
        "function": (templates.FUNCTION_STUB, templates.FUNCTION_REFERENCE, templates.FUNCTION_SPEC),
        "layer": (templates.LAYER_STUB, templates.LAYER_REFERENCE, templates.LAYER_SPEC),
    }[shape]
    files = {
        f"exercises/{exercise_id}.py": stub.format(**fields),
        f"solutions/{exercise_id}.py": reference.format(**fields),
        f"course/exercises/{exercise_id}.toml": spec.format(**fields),
        f"course/misconceptions/{exercise_id}/README.md": templates.MISCONCEPTIONS_README.format(**fields),
    }
    listed = _listed(course_map, exercise_id)
    _write_new(root, files)
    course_map.write_text(listed, encoding="utf-8")
    return Scaffolded(
        (*files, "course/course.toml"),
        f"write the reference in solutions/{exercise_id}.py, then run `grade course check`",
    )


def new_question(root: Path, question_id: str, *, kind: str, bank: str | None = None, topic: str | None = None) -> Scaffolded:
    """Append a question of `kind`, valid as written, to a bank file (created when new)."""
    if kind not in templates.QUESTIONS:
        raise ScaffoldError(f"unknown question kind {kind!r} (the kinds are {', '.join(templates.QUESTIONS)})")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", question_id):
        raise ScaffoldError(f"{question_id!r} is not a question id (kebab-case, e.g. week1-q3)")
    data = _course_map(root / "course" / "course.toml")
    topics = [t for t in data.get("topics", []) if isinstance(t, dict)]
    chosen = next((t for t in topics if t.get("id") == (topic or (topics[-1].get("id") if topics else None))), None)
    if chosen is None:
        raise ScaffoldError(f"course/course.toml: no topic {topic!r} (topics: {', '.join(str(t.get('id')) for t in topics) or 'none'})")
    quizzes = root / "course" / "quizzes"
    path = quizzes / (bank if bank and bank.endswith(".toml") else f"{bank or chosen['id']}.toml")
    if path.parent != quizzes:
        raise ScaffoldError("--bank names a file in course/quizzes/, e.g. week1.toml")
    for existing in sorted(quizzes.glob("*.toml")):
        if re.search(rf'^id = "{re.escape(question_id)}"$', existing.read_text(encoding="utf-8"), re.MULTILINE):
            raise ScaffoldError(f"course/quizzes/{existing.name}: already has a question {question_id!r}")
    text = templates.QUESTIONS[kind].format(id=question_id, kind=kind, topic=chosen["id"], section=chosen.get("section") or "see the notes")
    quizzes.mkdir(parents=True, exist_ok=True)
    if path.exists():
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)
    else:
        path.write_text(templates.BANK_HEADER.format(title=json.dumps(f"{chosen.get('title', chosen['id'])} questions")) + text, encoding="utf-8")
    return Scaffolded((f"course/quizzes/{path.name}",), f"replace the TODO texts in course/quizzes/{path.name}, then run `grade course check`")


def _course_map(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScaffoldError(f"{path.parent.parent} is not a course folder (it has no course/course.toml); start one with `grade course new course DIR`") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ScaffoldError(f"course/course.toml: cannot be read ({exc})") from None


def _write_new(root: Path, files: dict[str, str]) -> None:
    clashes = [name for name in files if (root / name).exists()]
    if clashes:
        raise ScaffoldError(f"{clashes[0]} already exists; nothing was written")
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


_EXERCISES_LIST = re.compile(r"^exercises\s*=\s*\[(?P<body>[^\]]*)\]", re.MULTILINE)


def _listed(course_map: Path, exercise_id: str) -> str:
    """The course map's text with the id added at the end of `exercises = [...]`, the rest kept as it is."""
    text = course_map.read_text(encoding="utf-8")
    match = _EXERCISES_LIST.search(text)
    if match is None:
        raise ScaffoldError(f"course/course.toml: no `exercises = [...]` list to add {exercise_id!r} to; add it by hand")
    body = match.group("body").rstrip()
    multiline = "\n" in body
    if not body.strip():
        new_body = f'"{exercise_id}"'
    elif multiline:
        lines = body.split("\n")
        code, hash_sign, comment = lines[-1].partition("#")
        if code.strip() and not code.rstrip().endswith(","):
            lines[-1] = code.rstrip() + "," + (f"  #{comment}" if hash_sign else "")
        new_body = "\n".join(lines) + f'\n    "{exercise_id}",\n'
    else:
        new_body = body.rstrip(",") + f', "{exercise_id}"'
    updated = text[: match.start("body")] + new_body + text[match.end("body"):]
    if tomllib.loads(updated).get("exercises", [])[-1:] != [exercise_id]:
        raise ScaffoldError(f"course/course.toml: could not add {exercise_id!r} to `exercises`; add it by hand")
    return updated
