"""The hostile battery: every attack fails and leaves nothing behind; with its mechanisms off, it works.

Each submission in `submissions/` attacks the sandbox one way (see `battery.py`). With every
protection on, the attacked exercise never passes, the other exercise of the run is still graded
and passes, no process is left, no file outside the scratch folder changed, the progress store is
untouched and nothing reached the listening sockets. Then each attack is run again with the
mechanisms its header names turned off, to show that those mechanisms are what stopped it.
"""

from __future__ import annotations

import os

import pytest

from grader.results import ExerciseStatus
from grader.sandbox.identity import is_root
from grader.sandbox.policy import SandboxPolicy
from tests.security.battery import Arena, has_capability, load_attacks

ATTACKS = load_attacks()
DEMONSTRABLE = [a for a in ATTACKS if a.succeeds_without]
ENVIRONMENT = {"GRADE_COURSE_FILE": "$REFERENCE"}


@pytest.fixture
def arena():
    made = Arena()
    yield made
    made.close()


def _environment(arena: Arena) -> dict[str, str]:
    """A grader whose environment names a reference file (as a careless setup script might)."""
    return {key: arena.fill(value) for key, value in ENVIRONMENT.items()}


def test_the_battery_is_large_and_every_attack_says_what_stops_it():
    assert len(ATTACKS) >= 40
    for attack in ATTACKS:
        assert attack.threat and attack.stopped_by, attack.name
        assert bool(attack.succeeds_without) == bool(attack.seen_as), attack.name


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.name)
def test_the_attack_fails_and_leaves_nothing_behind(arena, attack):
    outcome = arena.run(attack, strict=True, environment=_environment(arena))
    assert outcome.doubling is not ExerciseStatus.PASSED, [c.message for c in outcome.run.results[0].checks]
    assert outcome.halving is ExerciseStatus.PASSED, outcome.run.results[1].checks
    assert outcome.strays == []
    assert outcome.files_changed == []
    assert not outcome.store_changed
    assert not outcome.canary_present
    assert not outcome.report_changed
    assert (outcome.tcp, outcome.udp, outcome.unix) == (0, 0, 0)
    assert not outcome.zygote_killed
    assert outcome.run.sandbox is not None and outcome.run.sandbox.protections.complete


@pytest.mark.parametrize("attack", DEMONSTRABLE, ids=lambda a: a.name)
def test_with_its_mechanisms_off_the_attack_succeeds(arena, attack):
    if attack.root_only and not is_root():
        pytest.skip("this mechanism exists only when the grader runs as root")
    if attack.capability is not None and not has_capability(attack.capability):
        pytest.skip(f"this machine withholds capability {attack.capability} even from root, so the attack cannot succeed here")
    outcome = arena.run(attack, policy=SandboxPolicy(attack.succeeds_without), environment=_environment(arena))
    assert outcome.seen(attack.seen_as), (attack.seen_as, [c.message for c in outcome.run.results[0].checks])
