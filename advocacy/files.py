"""Files written inside a transaction are removed again if it fails.

The database rolls back on an error; files on disk do not. Wrap the outermost
``transaction.atomic()`` of a write that stores files in
``delete_files_on_error()`` and register each stored file with
``remember_written(field_file)``: an exception leaving the block deletes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models.fields.files import FieldFile

_written: ContextVar[list[FieldFile] | None] = ContextVar("written_files", default=None)


@contextmanager
def delete_files_on_error() -> Iterator[None]:
    outer = _written.get()
    if outer is not None:
        # Nested: the outermost block decides.
        yield
        return
    token = _written.set([])
    try:
        yield
    except BaseException:
        for field_file in _written.get() or []:
            if field_file.name:
                field_file.storage.delete(field_file.name)
        raise
    finally:
        _written.reset(token)


def remember_written(field_file: FieldFile) -> None:
    written = _written.get()
    if written is not None:
        written.append(field_file)


def delete_files_on_commit(field_files: list[FieldFile]) -> None:
    """Delete these files once the surrounding transaction has committed, so
    that a rollback never leaves rows pointing at missing files."""
    names = [(f.storage, f.name) for f in field_files if f.name]

    def delete() -> None:
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(delete)
