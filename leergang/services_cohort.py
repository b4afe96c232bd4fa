"""Writes of the cohort space: the zelfscan, reflections, praatplaat notes and
the practice story in the kennisportal."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.taxonomy import Bouwopgave, Venster

from .exceptions import LeergangError
from .models import (
    Application,
    PraatplaatNote,
    PracticeStory,
    Reflection,
    Scan,
    ScanMoment,
    ScanScore,
    Session,
)

CELLS = [(b, v) for b in Bouwopgave.values for v in Venster.values]


class NotInCohort(LeergangError):
    message = _("Deze gemeente doet niet mee aan deze leergang.")


class ScanIncomplete(LeergangError):
    message = _(
        "Geef bij alle twintig onderdelen een score om de zelfscan in te dienen."
    )


class ScanAlreadySubmitted(LeergangError):
    message = _("Deze zelfscan is al ingediend en kan niet meer worden gewijzigd.")


@dataclass(frozen=True)
class ScoreInput:
    score: int | None
    explanation: str = ""


def _require_accepted(application: Application) -> None:
    if application.status != Application.Status.ACCEPTED:
        raise NotInCohort


def scan_save(
    *,
    application: Application,
    moment: str,
    scores: Mapping[tuple[int, int], ScoreInput],
    by: Any,
    submit: bool,
) -> Scan:
    """Save a zelfscan as draft or submit it. A draft may miss scores; a
    submitted scan has all twenty and is final."""
    moment = ScanMoment(moment).value
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        _require_accepted(application)
        scan, _created = Scan.objects.get_or_create(
            application=application, moment=moment
        )
        if scan.submitted_at is not None:
            raise ScanAlreadySubmitted
        if submit and any(
            (cell not in scores or scores[cell].score is None) for cell in CELLS
        ):
            raise ScanIncomplete
        scan.updated_by = by
        if submit:
            scan.submitted_at = timezone.now()
        scan.full_clean()
        scan.save()
        ScanScore.objects.filter(scan=scan).delete()
        rows = []
        for (bouwopgave, venster), value in scores.items():
            explanation = value.explanation.strip()
            if value.score is None and not explanation:
                continue  # an explanation without a score is kept in a draft
            row = ScanScore(
                scan=scan,
                bouwopgave=bouwopgave,
                venster=venster,
                score=value.score,
                explanation=explanation,
            )
            row.full_clean(exclude=["scan"])
            rows.append(row)
        ScanScore.objects.bulk_create(rows)
    return scan


def reflection_save(
    *,
    application: Application,
    session: Session,
    author: Any,
    first_order: str,
    second_order: str,
    third_order: str,
    reflection: Reflection | None = None,
) -> Reflection:
    """Add a reflection, or change one's own."""
    with transaction.atomic():
        _require_accepted(application)
        if session.edition_id != application.edition_id:
            raise LeergangError(str(_("Deze bijeenkomst hoort niet bij uw leergang.")))
        if reflection is None:
            reflection = Reflection(application=application, author=author)
        elif reflection.author_id != author.pk or (
            reflection.application_id != application.pk
        ):
            raise LeergangError(str(_("U kunt alleen uw eigen reflecties wijzigen.")))
        reflection.session = session
        reflection.first_order = first_order.strip()
        reflection.second_order = second_order.strip()
        reflection.third_order = third_order.strip()
        reflection.full_clean()
        reflection.save()
    return reflection


def praatplaat_notes_save(
    *, application: Application, notes: Mapping[int, str], by: Any
) -> None:
    """Save the municipality's notes, one per bouwsteen (hotspot pk)."""
    with transaction.atomic():
        _require_accepted(application)
        for hotspot_id, text in notes.items():
            note, _created = PraatplaatNote.objects.get_or_create(
                application=application, hotspot_id=hotspot_id
            )
            note.text = text.strip()
            note.updated_by = by
            note.full_clean()
            note.save()


def _story_body(*, application: Application) -> list[tuple[str, str]]:
    from django.utils.html import escape, linebreaks

    from .selectors_cohort import chart_data_for, reflection_list_for

    municipality = escape(application.municipality.name)
    bouwopgaven = [
        str(Bouwopgave(n).label) for n in application.bouwopgaven if n in Bouwopgave
    ]
    parts = [
        f"<h2>Gemeente {municipality}</h2>"
        + linebreaks(escape(application.motivation)),
    ]
    if bouwopgaven:
        items = "".join(f"<li>{escape(b)}</li>" for b in bouwopgaven)
        parts.append(f"<h2>Bouwopgaven</h2><ul>{items}</ul>")
    chart = chart_data_for(application=application)
    if chart.series:
        rows = []
        for number, label in chart.bouwopgaven:
            scores = ", ".join(
                f"{s.label.lower()} {s.own[number]:.1f}".replace(".", ",")
                for s in chart.series
                if number in s.own
            )
            rows.append(f"<li>{escape(label)}: {scores}</li>")
        parts.append(
            "<h2>De zelfscan</h2><p>Gemiddelde score per bouwopgave "
            f"(1 tot 5):</p><ul>{''.join(rows)}</ul>"
        )
    reflections = list(reflection_list_for(application=application))
    if reflections:
        entries = []
        for reflection in reflections:
            texts = [
                (label, text)
                for label, text in (
                    ("Eerste orde", reflection.first_order),
                    ("Tweede orde", reflection.second_order),
                    ("Derde orde", reflection.third_order),
                )
                if text
            ]
            body = "".join(
                f"<p><b>{label}:</b> {escape(text)}</p>" for label, text in texts
            )
            entries.append(f"<h3>{escape(reflection.session.title)}</h3>{body}")
        parts.append("<h2>Wat het team leerde</h2>" + "".join(entries))
    return [("text", part) for part in parts]


def practice_story_create(*, application: Application, by: Any) -> Any:
    """Make (once) a draft practice story in the kennisbank from the
    municipality's work in the leergang; a second call returns the same page."""
    from knowledge.models import (
        Bouwopgave as BouwopgaveTerm,
    )
    from knowledge.models import (
        ItemType,
        KnowledgeIndexPage,
        PublicationPage,
    )

    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .select_related("municipality", "edition")
            .get(pk=application.pk)
        )
        _require_accepted(application)
        story = PracticeStory.objects.filter(application=application).first()
        if story is not None and story.page is not None:
            return story.page.specific
        parent = KnowledgeIndexPage.objects.first()
        if parent is None:
            raise LeergangError(
                str(_("Er is nog geen kennisbank om het verhaal in te zetten."))
            )
        municipality = application.municipality.name
        page = PublicationPage(
            title=f"Praktijkverhaal: gemeente {municipality}",
            slug=(
                f"praktijkverhaal-{application.municipality.slug}-"
                f"{application.edition.slug}"
            )[:255],
            item_type=ItemType.PRAKTIJKVERHAAL,
            summary=(
                f"Hoe gemeente {municipality} in de {application.edition.title} "
                "werkte aan integraal werken aan participatie."
            ),
            body=_story_body(application=application),
            live=False,
            owner=by,
        )
        parent.add_child(instance=page)
        page.bouwopgaven.set(
            BouwopgaveTerm.objects.filter(number__in=application.bouwopgaven)
        )
        page.save_revision(user=by, log_action=True)
        if story is None:
            story = PracticeStory(application=application)
        story.page = page
        story.created_by = by
        story.full_clean()
        story.save()
    return page
