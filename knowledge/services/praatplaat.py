"""A team's own praatplaat."""

from django.db import transaction
from django.utils import timezone

from knowledge.models import PraatplaatAnswer, PraatplaatFilling, PraatplaatPage
from portal.models import User


@transaction.atomic
def praatplaat_filling_save(
    *, page: PraatplaatPage, owner: User, team_name: str, answers: dict[int, str]
) -> PraatplaatFilling:
    """Save a team's praatplaat: one filling per owner, one answer per bouwsteen.

    Answers for hotspots that are not on this praatplaat are ignored.
    """
    filling, _created = PraatplaatFilling.objects.select_for_update().get_or_create(
        page=page, owner=owner, defaults={"team_name": team_name}
    )
    filling.team_name = team_name
    filling.updated_at = timezone.now()
    filling.full_clean()
    filling.save()
    valid = set(page.hotspots.values_list("pk", flat=True))
    for hotspot_id, text in answers.items():
        if hotspot_id not in valid:
            continue
        PraatplaatAnswer.objects.update_or_create(
            filling=filling,
            hotspot_id=hotspot_id,
            defaults={"text": text.strip()},
        )
    return filling
