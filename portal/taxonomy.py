"""The fixed vocabulary of the programme, shared by every app.

The five bouwopgaven and four vensters come from the research (see
docs/glossary.md). They are enums rather than rows so that the leernetwerk can
filter on them without depending on the kennisportal; the kennisportal's
snippets carry the same numbers.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Bouwopgave(models.IntegerChoices):
    CONTINUOUS_BUILDING = 1, _("Integraal werken als een doorlopend bouwproces")
    WITH_RESIDENT = 2, _("Niet over, maar met de inwoner")
    CONNECTING = 3, _("Betrokkenen (ook verticaal) met elkaar in verbinding brengen")
    AGREEMENTS = 4, _("Duidelijke afspraken over regie en werkprocessen")
    PARTICIPATION = 5, _("Participatie als stip op de horizon")


class Venster(models.IntegerChoices):
    RESIDENT = 1, _("De inwoner")
    PROFESSIONAL = 2, _("De professional")
    ORGANISATION = 3, _("De organisatie")
    GOVERNMENT = 4, _("De overheid (beleid en bestuur)")
