"""Build a demo portal from the programme's source documents.

The parts run in the order of the apps' dependencies (the site, the
leernetwerk, the kennisbank, the leergang), each in its own transaction, so
each part may use what the parts before it made. The search and reference
indexes are brought up to date once, at the end. Running the command again
changes nothing that is already there.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from demo import knowledge, leergang, network, site
from demo.indexing import indexing_deferred


class Command(BaseCommand):
    help = "Vult het portaal met democontent uit de brondocumenten (idempotent)."

    def handle(self, *args, **options) -> None:
        with indexing_deferred():
            for part in (site, network, knowledge, leergang):
                with transaction.atomic():
                    part.seed(out=self.stdout)
        self.stdout.write(self.style.SUCCESS("Democontent is klaar."))
