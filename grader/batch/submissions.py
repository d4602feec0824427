"""What one submission is: the student's exercise files, read from a folder, a zip, or loose files.

A submission is read once into memory (`Submission.files`), so grading never touches the original
and the key is a hash of exactly what was graded. Accepted layouts, for each course exercise id:
`<root>/exercises/<id>.py`, `<root>/<id>.py`, or the same inside a zip (at any depth; the
shallowest wins). Anything else in the submission is ignored.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MAX_FILE_BYTES = 1_000_000
"""The largest exercise file read from a submission."""
MAX_ZIP_MEMBERS = 5_000
"""A zip with more members than this is refused (a zip bomb of many small files)."""


@dataclass(frozen=True)
class Submission:
    """One student's files, by exercise id, and where they came from."""

    name: str
    """How reports name it: the folder's or zip's name."""
    source: str
    """The path it was read from."""
    files: dict[str, bytes]
    """Exercise id → the file's bytes (only ids the course has)."""
    problem: str | None = None
    """Why it could not be read (then `files` is empty and it becomes an `error` row)."""

    def key(self, course_fingerprint: str) -> str:
        """A hash of the files and the course: the same key means the same grades."""
        digest = hashlib.sha256(course_fingerprint.encode() + b"\0")
        for exercise_id in sorted(self.files):
            digest.update(exercise_id.encode() + b"\0" + hashlib.sha256(self.files[exercise_id]).digest())
        if self.problem is not None:
            digest.update(b"problem\0" + self.problem.encode())
        return digest.hexdigest()


def find_submissions(paths: Sequence[Path], exercise_ids: Iterable[str]) -> list[Submission]:
    """Every submission the paths name, in the order given (a class folder expands to its members, sorted)."""
    ids = frozenset(exercise_ids)
    found: list[Submission] = []
    for path in paths:
        if path.is_dir() and not _holds_exercises(path, ids):
            members = sorted(p for p in path.iterdir() if not p.name.startswith(".") and (p.is_dir() or p.suffix == ".zip"))
            if members:
                found += [read_submission(member, ids) for member in members]
                continue
        found.append(read_submission(path, ids))
    return found


def _holds_exercises(folder: Path, ids: frozenset[str]) -> bool:
    return (folder / "exercises").is_dir() or any((folder / f"{i}.py").is_file() for i in ids)


def read_submission(path: Path, ids: frozenset[str]) -> Submission:
    """One submission; an unreadable one is returned with its `problem`, never raised."""
    name = path.name.removesuffix(".zip")
    try:
        if path.is_dir():
            files = _from_folder(path, ids)
        elif path.suffix == ".zip" and path.is_file():
            files = _from_zip(path, ids)
        else:
            return Submission(name, str(path), {}, f"{path}: not a folder or a .zip file")
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        return Submission(name, str(path), {}, f"{path}: cannot be read ({exc})")
    if not files:
        return Submission(name, str(path), {}, f"{path}: holds no exercise file (<id>.py or exercises/<id>.py)")
    return Submission(name, str(path), files)


def _from_folder(folder: Path, ids: frozenset[str]) -> dict[str, bytes]:
    base = folder / "exercises" if (folder / "exercises").is_dir() else folder
    files = {}
    for exercise_id in sorted(ids):
        path = base / f"{exercise_id}.py"
        if path.is_file() and not path.is_symlink():
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ValueError(f"{path.name} is larger than {MAX_FILE_BYTES} bytes")
            files[exercise_id] = path.read_bytes()
    return files


def _from_zip(path: Path, ids: frozenset[str]) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {exercise_id: _read_member(archive, member) for exercise_id, (_, member) in sorted(_zip_members(archive, ids).items())}


def _zip_members(archive: zipfile.ZipFile, ids: frozenset[str], depth: int = 0) -> dict[str, tuple[int, zipfile.ZipInfo]]:
    """The shallowest `<id>.py` member for each exercise id, with its depth (`depth` added)."""
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise ValueError(f"more than {MAX_ZIP_MEMBERS} members")
    chosen: dict[str, tuple[int, zipfile.ZipInfo]] = {}
    for member in members:
        parts = PurePosixPath(member.filename).parts
        if member.is_dir() or not parts or "__MACOSX" in parts or not parts[-1].endswith(".py"):
            continue
        stem = parts[-1].removesuffix(".py")
        if stem in ids and (stem not in chosen or depth + len(parts) < chosen[stem][0]):
            chosen[stem] = (depth + len(parts), member)
    return chosen


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    if member.file_size > MAX_FILE_BYTES:
        raise ValueError(f"{member.filename} is larger than {MAX_FILE_BYTES} bytes")
    with archive.open(member) as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"{member.filename} is larger than {MAX_FILE_BYTES} bytes")
    return data


def read_anywhere(folder: Path, ids: frozenset[str]) -> dict[str, bytes]:
    """Exercise id → bytes of the shallowest `<id>.py` anywhere under `folder`, inside zips too
    (the layouts an upload to Gradescope arrives in); hidden folders and symlinks are skipped."""
    found: dict[str, tuple[int, Path | tuple[Path, zipfile.ZipInfo]]] = {}
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(p.startswith(".") or p == "__MACOSX" for p in parts) or path.is_symlink() or not path.is_file():
            continue
        if path.suffix == ".py" and path.stem in ids and (path.stem not in found or len(parts) < found[path.stem][0]):
            found[path.stem] = (len(parts), path)
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for exercise_id, (depth, member) in _zip_members(archive, ids, len(parts)).items():
                    if exercise_id not in found or depth < found[exercise_id][0]:
                        found[exercise_id] = (depth, (path, member))
    files = {}
    for exercise_id, (_, where) in sorted(found.items()):
        if isinstance(where, Path):
            if where.stat().st_size > MAX_FILE_BYTES:
                raise ValueError(f"{where.name} is larger than {MAX_FILE_BYTES} bytes")
            files[exercise_id] = where.read_bytes()
        else:
            with zipfile.ZipFile(where[0]) as archive:
                files[exercise_id] = _read_member(archive, where[1])
    return files
