"""The text `grade course new` writes: a course map, an exercise's four files, one question per kind.

Each template is filled with `str.format` (so literal braces are doubled). The exercise templates
are complete: once the instructor replaces the reference's `raise NotImplementedError` with a
working body, `grade course check` passes them.
"""

COURSE_MAP = '''\
#:schema ./schemas/grade-course.schema.json
# The course map: topics in teaching order, exercises in course order.
format_version = 1
title = {title}

# Exercise ids in course order; `grade course new exercise ID` adds one here.
exercises = []

# Third-party packages exercise code may import (the sandbox shows only these and the standard library).
packages = ["numpy"]

[[topics]]
id = "basics"
title = "Basics"
section = "Week 1"
'''

COURSE_README = '''\
# {title}

A course for `grade`. `grade course check` checks it; `grade course new exercise ID` and
`grade course new question ID --kind KIND` add to it; `grade init DIR --course .` makes a
student workspace from it.
'''

MISCONCEPTIONS_README = '''\
Known-wrong implementations of `{id}`, one file per misconception: `<misconception id>.py`.

Each file states only what it changes: it runs after the reference, so it may redefine one
function (or subclass the reference's class and override a method). Declare it in
`course/exercises/{id}.toml` with a `[[misconceptions]]` table whose `message` is the hint the
student sees; `grade course check` proves the checks reject it with that message.
'''

FUNCTION_STUB = '''\
"""{title}.

{summary}

Notes: {section}.
"""

import numpy as np


def {name}(x: np.ndarray) -> np.ndarray:
    """Apply {name} to every element of x.

    Parameters
    ----------
    x : ndarray of any shape

    Returns
    -------
    ndarray of the same shape as x (x itself is left unchanged)

    Example
    -------
    Describe one worked example here, with its numbers.
    """
    # TODO: compute {name}(x) element by element, without a loop
    raise NotImplementedError
'''

FUNCTION_REFERENCE = '''\
"""Reference for {id}: what the student's {name} is compared against."""

import numpy as np


def {name}(x: np.ndarray) -> np.ndarray:
    raise NotImplementedError("write the reference solution here")
'''

_SPEC_HEADER = '''\
#:schema ../schemas/grade-exercise.schema.json
# `grade course schema -o course/schemas` writes that schema; docs/spec-reference.md lists every field.
format_version = 1
id = "{id}"
title = "{title}"
summary = "{summary}"
topic = "{topic}"
section = "{section}"
points = 5
'''

FUNCTION_SPEC = _SPEC_HEADER + '''\
hints = [
    "A first nudge: which numpy function works element by element here?",
    "Nearly the answer: write it as one numpy expression of x.",
]

[[names]]
name = "{name}"
signature = "{name}(x: ndarray) -> ndarray of the same shape"

[limits]
time_s = 5
memory_mb = 256

# A known mistake: put its implementation in course/misconceptions/{id}/<id>.py, then uncomment.
# [[misconceptions]]
# id = "forgot_the_minus"
# message = "What the student did wrong and how to fix it, in one or two sentences."

[[checks]]
kind = "compare"
name = "{name}: worked example and random arrays"
points = 2
steps = ["y = {name}(x)"]
compare = ["y"]
repeat = 2
cases = [
    {{ x = {{ array = [-2.0, -0.5, 0.0, 0.5, 2.0] }} }},
    {{ x = {{ normal = [3, 4] }} }},
]

[[checks]]
kind = "expect"
name = "{name}: the output has the input's shape"
points = 1
steps = ["y = {name}(x)"]
cases = [{{ x = {{ normal = [2, 3, 4] }} }}]
[[checks.expect]]
that = "shape(y) == shape(x)"
show = {{ got = "shape(y)", expected = "shape(x)" }}
message = "{name}(x) should return an array of x's shape {{expected}}, not {{got}}"

[[checks]]
kind = "unchanged"
name = "{name}: the input is left unchanged"
points = 1
steps = ["y = {name}(x)"]
inputs = ["x"]
cases = [{{ x = {{ normal = [4, 5] }} }}]

[[checks]]
kind = "hypothesis"
name = "{name}: any array"
points = 1
steps = ["y = {name}(x)"]
compare = ["y"]
max_examples = 25
inputs = {{ x = {{ hypothesis = "arrays", dims = [1, 3], side = [1, 5], min = -20.0, max = 20.0 }} }}

# More kinds, to copy when they fit (docs/spec-reference.md has every field):
#
# [[checks]]
# kind = "raises"
# name = "{name}: a list is refused"
# points = 1
# steps = ["y = {name}(x)"]
# exception = "TypeError"
# cases = [{{ x = 3 }}]
#
# [[checks]]
# kind = "gradient"          # for a layer: backward against central differences of forward
# name = "backward agrees with numerical differences"
# points = 1
# steps = ["layer = MyLayer()", "out = layer.forward(x)", "dx = layer.backward(dout)"]
# cases = [{{ x = {{ normal = [3, 4] }}, dout = {{ normal = [3, 4] }} }}]
# [[checks.probes]]
# wrt = "x"
# analytic = "dx"
# forward = ["probe_out = layer.forward(x)"]
# objective = "probe_out"
# weight = "dout"
'''

LAYER_STUB = '''\
"""{title}.

{summary}

Notes: {section}.
"""

import numpy as np


class {name}:
    """A layer with a forward pass and the backward pass that goes with it.

    forward(x) -> out, same shape as x; remember what backward needs.
    backward(dout) -> dx, the gradient of the loss with respect to x, same shape as dout.
    """

    def __init__(self):
        # TODO: set up whatever forward must remember for backward
        pass

    def forward(self, x: np.ndarray) -> np.ndarray:
        # TODO: compute the output and keep what backward needs
        raise NotImplementedError

    def backward(self, dout: np.ndarray) -> np.ndarray:
        # TODO: return dout times the local derivative
        raise NotImplementedError
'''

LAYER_REFERENCE = '''\
"""Reference for {id}: the layer the student's {name} is compared against."""

import numpy as np


class {name}:
    def __init__(self):
        self.out = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError("write the reference forward here")

    def backward(self, dout: np.ndarray) -> np.ndarray:
        raise NotImplementedError("write the reference backward here")
'''

LAYER_SPEC = _SPEC_HEADER + '''\
hints = [
    "forward keeps what backward needs (the input or the output) in an attribute.",
    "backward multiplies dout by the local derivative, element by element.",
]

[[names]]
name = "{name}"
signature = "{name}() with forward(x) -> out and backward(dout) -> dx"

[limits]
time_s = 5
memory_mb = 256

# A known mistake: put its implementation in course/misconceptions/{id}/<id>.py, then uncomment.
# [[misconceptions]]
# id = "backward_ignores_dout"
# message = "What the student did wrong and how to fix it, in one or two sentences."

[[checks]]
kind = "compare"
name = "{name}: forward and backward values"
points = 2
steps = ["layer = {name}()", "out = layer.forward(x)", "dx = layer.backward(dout)"]
compare = ["out", "dx"]
repeat = 2
cases = [{{ x = {{ normal = [3, 4] }}, dout = {{ normal = [3, 4] }} }}]

[[checks]]
kind = "gradient"
name = "{name}: backward agrees with numerical differences"
points = 2
steps = ["layer = {name}()", "out = layer.forward(x)", "dx = layer.backward(dout)"]
repeat = 2
cases = [{{ x = {{ normal = [3, 4] }}, dout = {{ normal = [3, 4] }} }}]
[[checks.probes]]
wrt = "x"
analytic = "dx"
forward = ["probe_out = layer.forward(x)"]
objective = "probe_out"
weight = "dout"

[[checks]]
kind = "unchanged"
name = "{name}: backward leaves dout unchanged"
points = 1
steps = ["layer = {name}()", "out = layer.forward(x)", "dx = layer.backward(dout)"]
inputs = ["x", "dout"]
cases = [{{ x = {{ normal = [3, 4] }}, dout = {{ normal = [3, 4] }} }}]
'''

BANK_HEADER = '''\
#:schema ../schemas/grade-quiz-bank.schema.json
title = {title}
'''

_COMMON = '''
[[questions]]
id = "{id}"
kind = "{kind}"
topic = "{topic}"
section = "{section}"
prompt = "TODO: the question, as the student reads it."
explanation = "TODO: the reasoning behind the answer, shown after every answer."
'''

QUESTIONS = {
    "single_choice": _COMMON + '''\
[[questions.options]]
text = "TODO: the right option"
correct = true
[[questions.options]]
text = "TODO: a wrong option"
feedback = "TODO: the misconception behind choosing it."
[[questions.options]]
text = "TODO: another wrong option"
feedback = "TODO: the misconception behind choosing it."
''',
    "multiple_select": _COMMON + '''\
[[questions.options]]
text = "TODO: a right option"
correct = true
feedback = "TODO: why it belongs, shown when it is left out."
[[questions.options]]
text = "TODO: another right option"
correct = true
feedback = "TODO: why it belongs, shown when it is left out."
[[questions.options]]
text = "TODO: a wrong option"
feedback = "TODO: the misconception behind choosing it."
''',
    "code_choice": _COMMON + '''\
language = "python"
[[questions.options]]
code = "y = np.maximum(0, x)"
correct = true
[[questions.options]]
code = "y = max(0, x)"
feedback = "TODO: what this code actually does."
''',
    "true_false": _COMMON + '''\
answer = true
feedback = "TODO: the misconception behind the wrong judgement."
''',
    "numeric": _COMMON + '''\
answer = "0.25"
rel_tol = 0.01
[[questions.wrong_answers]]
answer = "0.5"
feedback = "TODO: what a student who gives 0.5 did wrong."
''',
    "parameterised_numeric": _COMMON.replace(
        'prompt = "TODO: the question, as the student reads it."',
        'prompt = "TODO: the question, using its parameters: an input of size {{H}} and a filter of size {{F}}."',
    ) + '''\
formula = "H - F + 1"
constraints = ["F < H"]
[[questions.parameters]]
name = "H"
min = 5
max = 12
[[questions.parameters]]
name = "F"
min = 2
max = 4
[[questions.wrong_formulas]]
formula = "H - F"
feedback = "TODO: what a student whose answer matches this formula forgot."
''',
    "symbolic": _COMMON + '''\
variables = ["x", "y"]
answer = "2*(x + y)"
[[questions.wrong_answers]]
answer = "2*x"
feedback = "TODO: what a student who gives 2x did wrong."
''',
    "matching": _COMMON + '''\
choices = ["TODO: choice a", "TODO: choice b", "TODO: choice c (a distractor)"]
[[questions.items]]
text = "TODO: item 1"
match = "b"
feedback = "TODO: what sets item 1 apart."
[[questions.items]]
text = "TODO: item 2"
match = "a"
feedback = "TODO: what sets item 2 apart."
''',
    "ordering": _COMMON + '''\
steps = ["TODO: step shown first", "TODO: step shown second", "TODO: step shown third"]
answer = [2, 3, 1]
feedback = "TODO: the dependency that fixes the order."
''',
    "free_text": _COMMON + '''\
model_answer = "TODO: a good answer, shown after the student has written theirs."
key_points = ["TODO: a point a complete answer makes", "TODO: another point"]
''',
}
"""One question per kind, valid as written; `{id}`, `{kind}`, `{topic}` and `{section}` are filled in."""
