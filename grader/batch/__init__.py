"""Grading a whole class: many submissions against one course, resumable, in warm worker processes.

The flow is the single run's, once per submission: find the submission's files (`submissions`),
grade them in a worker that keeps one loaded course and one warm sandbox zygote (`worker`), keep
each result in an append-only log keyed by the submission's content and the course (`log`), and
write the class's marks (`export`) and statistics (`stats`). Nothing is ever written into a
submission, and one bad submission is an `error` row, never the end of the batch.
"""
