"""Staff accounts, kept by coordinators (``/konten/``)."""
