"""Build the search rows of every case again (``cases.search``)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cases.search import case_search_rebuild


class Command(BaseCommand):
    help = "Baut den Suchindex aller Fälle neu auf."

    def handle(self, *args, **options) -> None:
        count = case_search_rebuild()
        self.stdout.write(f"Suchindex: {count} Fälle neu aufgebaut.")
