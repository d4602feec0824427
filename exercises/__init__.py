"""Your exercise files: fill in each stub, then run `grade`."""
