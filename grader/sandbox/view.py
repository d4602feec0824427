"""The child's view of the filesystem: what Landlock lets it read, computed once in the zygote.

Read-only: the standard library, the shared libraries an extension module may still load, the
few device files Python code expects, the third-party packages the course allows (numpy), and
the submission's snapshot. Read-write: the run's scratch folder. Nothing else: not the
reference solutions, the course, the grader's source, the progress store, /proc, other users'
files. A tree that holds something forbidden (a standard library folder with `site-packages`
inside it, where the grader itself may be installed) is granted entry by entry around it.
"""

from __future__ import annotations

import os
import site
import sys
import sysconfig
from collections.abc import Iterable
from dataclasses import dataclass

DEVICES_READ_ONLY = ("/dev/urandom", "/dev/random", "/dev/zero")
DEVICES_READ_WRITE = ("/dev/null",)
LOADER_FILES = ("/etc/ld.so.cache",)


def _real(path: str) -> str:
    return os.path.realpath(path)


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def site_packages_dirs() -> list[str]:
    """Every folder third-party packages are installed in, for this interpreter and its base."""
    found = set()
    candidates = [*sys.path, *site.getsitepackages(), *site.getsitepackages([sys.base_prefix, sys.base_exec_prefix])]
    candidates.append(site.getusersitepackages())
    for key in ("purelib", "platlib"):
        candidates.append(sysconfig.get_paths()[key])
    for stdlib in _stdlib_dirs():
        candidates += [os.path.join(stdlib, "site-packages"), os.path.join(stdlib, "dist-packages")]
    for path in candidates:
        if path and os.path.basename(path.rstrip(os.sep)) in ("site-packages", "dist-packages") and os.path.isdir(path):
            found.add(_real(path))
    return sorted(found)


def grant_around(tree: str, forbidden: Iterable[str]) -> tuple[list[str], list[str]]:
    """What to grant for `tree`: (trees to read, folders to list only).

    `tree` itself is read-only if nothing forbidden lies inside it; else its entries are granted
    one by one around the forbidden ones, and `tree` may only be listed (Python's import system
    lists a folder before it imports from it; names are all a listing shows).
    """
    tree = _real(tree)
    forbidden = list(forbidden)
    if any(_within(tree, f) for f in forbidden):
        return [], []
    blocked = [f for f in forbidden if _within(f, tree)]
    if not blocked:
        return [tree], []
    if not os.path.isdir(tree):
        return [], []
    read, listed = [], [tree]
    try:
        entries = sorted(os.scandir(tree), key=lambda e: e.name)
    except OSError:
        return [], []
    for entry in entries:
        more_read, more_listed = grant_around(entry.path, blocked)
        read += more_read
        listed += more_listed
    return read, listed


def _stdlib_dirs() -> list[str]:
    paths = sysconfig.get_paths()
    found = {_real(paths["stdlib"]), _real(paths["platstdlib"])}
    for entry in sys.path:
        if entry and (entry.endswith(".zip") or "lib-dynload" in entry) and os.path.exists(entry):
            found.add(_real(entry))
    return sorted(found)


def _library_dirs() -> list[str]:
    """Folders of the shared libraries mapped now (outside site-packages), and the system's multiarch folders."""
    found: set[str] = set()
    multiarch = sysconfig.get_config_var("MULTIARCH") or ""
    candidates = ["/lib64", "/usr/lib64"] + ([f"/lib/{multiarch}", f"/usr/lib/{multiarch}"] if multiarch else [])
    found.update(_real(c) for c in candidates if os.path.isdir(c))
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split(maxsplit=5)[-1].strip() if line.count(" ") >= 5 else ""
                if path.startswith("/") and ".so" in os.path.basename(path):
                    found.add(_real(os.path.dirname(path)))
    except OSError:
        pass
    return sorted(found)


@dataclass(frozen=True)
class View:
    """The paths Landlock grants, minus the per-run ones (snapshot and scratch)."""

    read_only: tuple[str, ...]
    list_only: tuple[str, ...]
    read_write: tuple[str, ...]
    site_packages: tuple[str, ...]
    forbidden: tuple[str, ...]

    def package_paths(self, names: Iterable[str]) -> list[str]:
        """The installed files of the allowed third-party packages (`numpy`: its folder, `numpy.libs`, metadata)."""
        wanted = set(names)
        found = []
        for folder in self.site_packages:
            try:
                entries = os.listdir(folder)
            except OSError:
                continue
            for entry in entries:
                stem = entry.split("-")[0].split(".")[0]
                if stem in wanted and entry.split(".")[-1] != "pth":
                    found.append(os.path.join(folder, entry))
        return sorted(found)

    def child_sys_path(self) -> list[str]:
        """`sys.path` for the child after the snapshot: the standard library and site-packages, nothing of ours."""
        keep = []
        for entry in sys.path:
            if not entry:
                continue
            real = _real(entry)
            if real in self.site_packages or not any(_within(real, f) for f in self.forbidden):
                keep.append(entry)
        return keep


def build_view(extra_forbidden: Iterable[str] = ()) -> View:
    """Compute the static view; `extra_forbidden` adds the grader's own folders (source, bundled course)."""
    packages = site_packages_dirs()
    forbidden = sorted({*packages, *(_real(p) for p in extra_forbidden), "/proc"})
    read_only: list[str] = []
    list_only: list[str] = []
    for tree in [*_stdlib_dirs(), *_library_dirs()]:
        more_read, more_listed = grant_around(tree, forbidden)
        read_only += more_read
        list_only += more_listed
    read_only += [p for p in (*LOADER_FILES, *DEVICES_READ_ONLY) if os.path.exists(p)]
    return View(
        tuple(dict.fromkeys(read_only)),
        tuple(dict.fromkeys(list_only)),
        tuple(p for p in DEVICES_READ_WRITE if os.path.exists(p)),
        tuple(packages),
        tuple(forbidden),
    )
