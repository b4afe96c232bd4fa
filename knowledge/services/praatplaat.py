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
    texts = {
        hotspot_id: text.strip()
        for hotspot_id, text in answers.items()
        if hotspot_id in valid
    }
    # Three queries whatever the number of bouwstenen: the filling's row lock
    # keeps a second save of the same filling out until this one commits.
    existing = {
        answer.hotspot_id: answer
        for answer in PraatplaatAnswer.objects.filter(
            filling=filling, hotspot_id__in=texts
        )
    }
    changed = []
    for hotspot_id, answer in existing.items():
        if answer.text != texts[hotspot_id]:
            answer.text = texts[hotspot_id]
            changed.append(answer)
    PraatplaatAnswer.objects.bulk_update(changed, ["text"])
    PraatplaatAnswer.objects.bulk_create(
        PraatplaatAnswer(filling=filling, hotspot_id=hotspot_id, text=text)
        for hotspot_id, text in texts.items()
        if hotspot_id not in existing
    )
    return filling
