"""The JSON form of programs: the child receives them this way and rebuilds the dataclasses."""

from __future__ import annotations

from dataclasses import fields, is_dataclass

from grader.program.steps import (
    Assign,
    Attr,
    Call,
    Callback,
    Const,
    DictOf,
    Key,
    Let,
    ListOf,
    NumGrad,
    Path,
    Program,
    Record,
    Repeat,
    Seed,
    Timed,
)

_CLASSES = {
    cls.__name__: cls
    for cls in (Attr, Key, Path, Const, ListOf, DictOf, Callback, Call, Let, Record, Assign, Seed, Repeat, NumGrad, Timed, Program)
}


def program_to_json(node: object) -> object:
    if is_dataclass(node):
        out: dict[str, object] = {"_": type(node).__name__}
        for f in fields(node):
            out[f.name] = program_to_json(getattr(node, f.name))
        return out
    if isinstance(node, tuple):
        return [program_to_json(item) for item in node]
    return node


def program_from_json(node: object) -> object:
    if isinstance(node, dict):
        cls = _CLASSES[node["_"]]
        kwargs = {}
        for f in fields(cls):
            if f.name in node:
                kwargs[f.name] = program_from_json(node[f.name])
        return cls(**kwargs)
    if isinstance(node, list):
        return tuple(program_from_json(item) for item in node)
    return node
