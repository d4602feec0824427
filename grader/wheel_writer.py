"""Write a pure-Python wheel (PEP 427) from files in memory: no build backend, no network.

`grade course package` ships a course this way, and `grade gradescope build` ships `grade` itself
and the course inside the autograder bundle.
"""

from __future__ import annotations

import base64
import hashlib
import zipfile
from collections.abc import Sequence
from pathlib import Path


def write_wheel(
    out_dir: Path,
    *,
    distribution: str,
    version: str,
    summary: str,
    files: Sequence[tuple[str, bytes]],
    requires: Sequence[str] = (),
    entry_points: dict[str, dict[str, str]] | None = None,
) -> Path:
    """Write `<distribution>-<version>-py3-none-any.whl` holding `files` (archive name, bytes); return its path."""
    normalised = distribution.replace("-", "_")
    dist_info = f"{normalised}-{version}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {distribution}\nVersion: {version}\nSummary: {summary}\n"
    metadata += "".join(f"Requires-Dist: {r}\n" for r in requires)
    entries = list(files) + [
        (f"{dist_info}/METADATA", metadata.encode()),
        (f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: grade\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
    ]
    if entry_points:
        text = "".join(f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in names.items()) for group, names in entry_points.items())
        entries.append((f"{dist_info}/entry_points.txt", text.encode()))
    record = "".join(f"{name},sha256={_digest(data)},{len(data)}\n" for name, data in entries) + f"{dist_info}/RECORD,,\n"
    entries.append((f"{dist_info}/RECORD", record.encode()))
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{normalised}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as wheel:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16  # rw-r--r-- once installed
            wheel.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


SKIPPED = frozenset({"__pycache__", ".grade", ".git"})
"""Folders never packaged: caches, a workspace's state, version control."""


def package_files(folder: Path, prefix: str) -> list[tuple[str, bytes]]:
    """Every file under `folder` as (`prefix/relative path`, bytes), without caches or `SKIPPED` folders."""
    return [
        (f"{prefix}/{path.relative_to(folder).as_posix()}", path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not SKIPPED.intersection(path.relative_to(folder).parts) and path.suffix != ".pyc"
    ]


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
