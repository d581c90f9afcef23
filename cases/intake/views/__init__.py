"""The intake's pages: the public form and status page, and the staff inbox."""
