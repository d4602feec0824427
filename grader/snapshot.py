"""A read-only snapshot of the submission: what the sandbox child sees instead of the workspace.

Before any student code runs, the submission's `exercises/` and `data/` are copied into a fresh
folder of their own. The child's filesystem view holds that copy and nothing else of the
workspace, so it cannot reach the progress store, the workspace's other files, or anything a
symlink points to (a symlink is copied as a symlink, and its target is outside the view). Every
check of a run grades the same files, even if the student saves in the middle. A root grader
makes the copy readable by the unprivileged sandbox user.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path
from types import TracebackType

MAX_BYTES = 256 * 1024 * 1024
COPIED = ("exercises", "data")


class SnapshotError(Exception):
    """The submission cannot be copied (too large, unreadable); `str()` is a one-line reason."""


class Snapshot:
    """`with Snapshot(workspace_root) as snap:` the copy lives at `snap.root` until the block ends."""

    def __init__(self, workspace: Path, *, world_readable: bool | None = None) -> None:
        self.workspace = workspace
        self.world_readable = os.geteuid() == 0 if world_readable is None else world_readable
        self.root: Path = Path()
        self._tmp: str | None = None

    def __enter__(self) -> Snapshot:
        self._tmp = tempfile.mkdtemp(prefix="grade-snapshot-")
        self.root = Path(self._tmp)
        try:
            total = 0
            for name in COPIED:
                source = self.workspace / name
                if source.is_dir() and not source.is_symlink():
                    total = _copy_tree(source, self.root / name, total)
            if self.world_readable:
                _open_up(self.root)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def exercise_file(self, exercise_id: str) -> Path:
        return self.root / "exercises" / f"{exercise_id}.py"


def _copy_tree(source: Path, target: Path, total: int) -> int:
    """Copy regular files and folders; symlinks stay symlinks; caches, sockets and devices are left out."""
    target.mkdir()
    try:
        entries = sorted(os.scandir(source), key=lambda e: e.name)
    except OSError as exc:
        raise SnapshotError(f"cannot read {source} ({exc.strerror})") from None
    for entry in entries:
        if entry.name == "__pycache__":
            continue
        destination = target / entry.name
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), destination)
        elif entry.is_dir(follow_symlinks=False):
            total = _copy_tree(Path(entry.path), destination, total)
        elif entry.is_file(follow_symlinks=False):
            total += entry.stat(follow_symlinks=False).st_size
            if total > MAX_BYTES:
                raise SnapshotError(f"the submission holds more than {MAX_BYTES // 2**20} MB in {', '.join(COPIED)}")
            try:
                shutil.copyfile(entry.path, destination, follow_symlinks=False)
            except OSError as exc:
                raise SnapshotError(f"cannot read {entry.path} ({exc.strerror})") from None
    return total


def _open_up(root: Path) -> None:
    """Folders 0755 and files 0644, so a child running as another user can read the copy."""
    root.chmod(0o755)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            os.chmod(os.path.join(folder, name), 0o755)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IROTH)
