from django.core.management.base import BaseCommand

from directory.search.index import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index of the directory from its current data."

    def handle(self, *args, **options) -> None:
        search_index_rebuild()
        self.stdout.write(self.style.SUCCESS("Search index rebuilt."))
