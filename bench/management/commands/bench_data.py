"""Fill the bench database to a given size, the same data every time.

    manage.py bench_data --publications 50000 --members 50000 \
        --municipalities 342 --webinar-registrations 5000 --seed 1

Run with the bench settings after ``migrate`` and ``seed_demo``. Publications
and municipalities are totals (the demo's included); members are the
accounts ``lid<n>@bench.example``. Asking for more than there is adds the
difference; asking for less changes nothing. The last line printed is the
id of the webinar for the registration race (slug ``bench-webinar-race``).
"""

from django.core.management.base import BaseCommand, CommandError

from bench import data


class Command(BaseCommand):
    help = "Vult de benchmarkdatabase tot de gevraagde omvang (deterministisch)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--publications", type=int, default=1000)
        parser.add_argument("--members", type=int, default=1000)
        parser.add_argument("--municipalities", type=int, default=342)
        parser.add_argument("--events", type=int, default=100)
        parser.add_argument("--webinar-registrations", type=int, default=500)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options) -> None:
        seed = options["seed"]
        if options["webinar_registrations"] > options["members"]:
            raise CommandError("Er zijn meer leden nodig dan aanmeldingen.")
        out = self.stdout
        data.timed(
            out,
            "Gemeenten",
            lambda: data.municipalities_generate(
                total=options["municipalities"], seed=seed
            ),
        )
        data.timed(
            out,
            "Publicaties",
            lambda: data.publications_generate(
                total=options["publications"], seed=seed
            ),
        )
        data.timed(
            out,
            "Leden",
            lambda: data.members_generate(count=options["members"], seed=seed),
        )
        data.timed(
            out,
            "Bijeenkomsten",
            lambda: data.events_generate(count=options["events"], seed=seed),
        )
        race_ids: list[int] = []

        def webinars() -> int:
            _webinar, race, made = data.webinars_generate(
                registrations=options["webinar_registrations"]
            )
            race_ids.append(race.pk)
            return made

        data.timed(out, "Aanmeldingen voor het webinar", webinars)
        out.write(f"race-webinar-id={race_ids[0]}\n")
