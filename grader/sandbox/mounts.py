"""A private mount namespace for the sandbox child: a size- and file-capped scratch folder.

The child's scratch folder (its working directory and TMPDIR) becomes a tmpfs mounted in a mount
namespace of the child's own, with a cap on bytes and on the number of files, so a submission
cannot fill the disk, with big files or with many small ones. Nothing needs cleaning up: the
namespace, and the tmpfs with it, disappear when the child does. Root makes the namespace
directly; another user makes it inside a new user namespace, which most Linux kernels allow.

When a root grader's child drops to an unprivileged user, a part of the interpreter it needs may
sit below a folder that user cannot enter (a Python under /root, say). `expose` mounts an empty
tmpfs over that folder, in the child's namespace only, and puts back just the trees the child is
allowed to read (bind mounts), so the unprivileged child can still import the standard library.
"""

from __future__ import annotations

import ctypes
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass

from grader.sandbox.libc import check, libc

_CLONE_NEWNS = 0x00020000
_CLONE_NEWUSER = 0x10000000
_MS_NOSUID = 2
_MS_NODEV = 4
_MS_NOEXEC = 8
_MS_BIND = 4096
_MS_MOVE = 8192
_MS_REC = 16384
_MS_PRIVATE = 1 << 18


@dataclass(frozen=True)
class Quota:
    """The scratch folder's caps."""

    megabytes: int = 64
    files: int = 2048


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    enc = lambda s: s.encode() if s is not None else None  # noqa: E731
    check(libc().mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)), f"mount {target}")


def private_namespace(*, as_root: bool) -> None:
    """Move this process into a mount namespace of its own (inside a new user namespace unless root)."""
    c = libc()
    if as_root:
        check(c.unshare(_CLONE_NEWNS), "unshare(CLONE_NEWNS)")
    else:
        uid, gid = os.getuid(), os.getgid()
        check(c.unshare(_CLONE_NEWUSER | _CLONE_NEWNS), "unshare(CLONE_NEWUSER | CLONE_NEWNS)")
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w") as handle:
                handle.write(text)
    _mount(None, "/", None, _MS_REC | _MS_PRIVATE)  # nothing we mount here propagates back out


def mount_scratch(path: str, quota: Quota, *, owner: tuple[int, int] | None = None) -> None:
    """Mount a capped tmpfs on `path` (owned by `owner`, else by us), with no devices and no setuid."""
    uid, gid = owner if owner is not None else (os.getuid(), os.getgid())
    options = f"size={quota.megabytes}m,nr_inodes={quota.files},mode=0700,uid={uid},gid={gid}"
    _mount("tmpfs", path, "tmpfs", _MS_NOSUID | _MS_NODEV, options)


def _searchable(info: os.stat_result, uid: int, gid: int, *, need_read: bool) -> bool:
    mode = info.st_mode
    if info.st_uid == uid:
        x, r = stat.S_IXUSR, stat.S_IRUSR
    elif info.st_gid == gid:
        x, r = stat.S_IXGRP, stat.S_IRGRP
    else:
        x, r = stat.S_IXOTH, stat.S_IROTH
    if stat.S_ISDIR(mode):
        return bool(mode & x) and (not need_read or bool(mode & r))
    return not need_read or bool(mode & r)


def first_blocker(path: str, uid: int, gid: int) -> str | None:
    """The outermost folder on the way to `path` that `uid`/`gid` may not enter, or None."""
    parts = os.path.realpath(path).split(os.sep)[1:]
    current = "/"
    for part in parts[:-1]:
        current = os.path.join(current, part)
        try:
            if not _searchable(os.stat(current), uid, gid, need_read=False):
                return current
        except OSError:
            return None
    return None


def blocked_trees(paths: Iterable[str], uid: int, gid: int) -> dict[str, list[str]]:
    """For each blocking folder, the entries directly below it that lead to allowed trees.

    Putting back one entry (`/root/.pyenv`) instead of every allowed tree below it keeps the
    mounts few; what the child may really open is still decided by Landlock, not by this.
    """
    found: dict[str, set[str]] = {}
    for path in paths:
        if not os.path.exists(path):
            continue
        blocker = first_blocker(path, uid, gid)
        if blocker is not None:
            real = os.path.realpath(path)
            below = real[len(blocker.rstrip(os.sep)) + 1 :].split(os.sep)[0]
            found.setdefault(blocker, set()).add(os.path.join(blocker, below))
    return {blocker: sorted(entries) for blocker, entries in found.items()}


def expose(blocked: dict[str, list[str]], holding: str) -> None:
    """Hide each blocking folder under an empty world-readable tmpfs and bind back its allowed trees.

    `holding` is a folder of ours where the bind mounts wait while the tmpfs goes on. Runs in the
    child's private namespace, as root, before the switch to the unprivileged user.
    """
    for index, (blocker, trees) in enumerate(sorted(blocked.items())):
        held: list[tuple[str, str]] = []
        for number, tree in enumerate(trees):
            spot = os.path.join(holding, f"{index}-{number}")
            if os.path.isdir(tree):
                os.mkdir(spot)
            else:
                open(spot, "w").close()
            _mount(tree, spot, None, _MS_BIND | _MS_REC)
            held.append((spot, tree))
        _mount("tmpfs", blocker, "tmpfs", _MS_NOSUID | _MS_NODEV | _MS_NOEXEC, "mode=0755,size=64k")
        for spot, tree in held:
            if os.path.isdir(spot):
                os.makedirs(tree, mode=0o755, exist_ok=True)
            else:
                os.makedirs(os.path.dirname(tree), mode=0o755, exist_ok=True)
                open(tree, "w").close()
            _mount(spot, tree, None, _MS_MOVE)
