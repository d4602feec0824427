"""docs/instructors.md, executed: every command and file of the walk-through, in order, in a fresh folder.

The guide's conventions: a `console` block holds `$ command` lines (a trailing `# exits N` gives
the expected status, otherwise 0) followed by lines of their output, each of which must appear in
what the command printed (`…` stands for anything); a block with `file=PATH` is written to PATH,
`append=PATH` is added to its end, and a `diff file=PATH` block replaces its `-` lines with its
`+` lines. Other blocks are illustrations and are not run.
"""

from __future__ import annotations

import io
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from grader.cli import main

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "instructors.md"
_BLOCK = re.compile(r"^```(?P<lang>\w+)(?: (?P<how>file|append)=(?P<path>\S+))?\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


@dataclass
class Command:
    argv: list[str]
    status: int
    expected: list[str] = field(default_factory=list)


def _commands(body: str) -> list[Command]:
    commands: list[Command] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            text, _, comment = line[2:].partition("#")
            status = int(m.group(1)) if (m := re.search(r"exits (\d+)", comment)) else 0
            commands.append(Command(shlex.split(text), status))
        elif line.strip():
            commands[-1].expected.append(line.rstrip())
    return commands


def _appears(expected: str, output: str) -> bool:
    pattern = ".*".join(re.escape(part) for part in expected.split("…"))
    return any(re.search(pattern, line.rstrip()) for line in output.splitlines())


def _grade(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, stdout=out, stderr=err)
    return status, out.getvalue() + err.getvalue()


def test_the_instructors_guide_runs_as_written(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(tmp_path)
    ran = 0
    for block in _BLOCK.finditer(GUIDE.read_text(encoding="utf-8")):
        lang, how, path, body = block["lang"], block["how"], block["path"], block["body"]
        if lang == "console":
            for command in _commands(body):
                ran += 1
                if command.argv[0] == "cd":
                    monkeypatch.chdir(Path.cwd() / command.argv[1])
                    continue
                assert command.argv[0] == "grade", f"the guide runs only grade and cd: {command.argv}"
                status, output = _grade(command.argv[1:])
                where = f"`{shlex.join(command.argv)}` in {Path.cwd()}"
                assert status == command.status, f"{where} exited {status}, the guide says {command.status}:\n{output}"
                missing = [line for line in command.expected if not _appears(line, output)]
                assert not missing, f"{where} did not print {missing}:\n{output}"
        elif how == "file" and lang == "diff":
            target = Path.cwd() / path
            old = "\n".join(line[1:] for line in body.splitlines() if line.startswith("-")) + "\n"
            new = "\n".join(line[1:] for line in body.splitlines() if line.startswith("+")) + "\n"
            text = target.read_text(encoding="utf-8")
            assert text.count(old) == 1, f"{path}: the guide's change expects {old!r} once"
            target.write_text(text.replace(old, new), encoding="utf-8")
        elif how == "file":
            (Path.cwd() / path).parent.mkdir(parents=True, exist_ok=True)
            (Path.cwd() / path).write_text(body, encoding="utf-8")
        elif how == "append":
            with (Path.cwd() / path).open("a", encoding="utf-8") as handle:
                handle.write(body)
    assert ran >= 20


@pytest.mark.parametrize("line", ["✘ solutions/tanh.py: the reference fails its own spec (…)", "every check … holds"])
def test_a_wildcard_line_matches_only_its_own_shape(line):
    assert _appears(line, "grade course check\n" + line.replace("…", "something") + "   \n")
    assert not _appears(line, "✘ solutions/relu.py: fine\n")
