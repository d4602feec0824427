"""The course's language for driving an implementation: references, steps and whole programs.

A check never calls student code directly. It builds a `Program` (construct a layer, call
`forward`, call `backward`, read `dW`...) from the spec's step tables; the sandbox runs the same
program against the reference in the grader and against the student's module in the child
(`grader.sandbox.executor`). This package defines the vocabulary, its JSON form and the library
of functions a program may hand over (`callbacks`); it imports nothing from the sandbox or the checks.
"""
