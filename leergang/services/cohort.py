"""Writes of the cohort space: the zelfscan, reflections, praatplaat notes and
the practice story in the kennisportal."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from knowledge.models import Bouwopgave as BouwopgaveTerm
from knowledge.models import ItemType, KnowledgeIndexPage, PublicationPage
from portal.audit import audit_record
from portal.locking import lock
from portal.models import User
from portal.taxonomy import Bouwopgave, Venster

from ..exceptions import (
    NoKnowledgeBase,
    NotInCohort,
    NotOwnReflection,
    ScanAlreadySubmitted,
    ScanIncomplete,
    SessionOfOtherEdition,
)
from ..models import (
    Application,
    PraatplaatNote,
    PracticeStory,
    Reflection,
    Scan,
    ScanMoment,
    ScanScore,
    Session,
)
from ..selectors.cohort import reflection_list_for
from ..selectors.scans import chart_data_for

CELLS = [(b, v) for b in Bouwopgave.values for v in Venster.values]


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
    by: User,
    submit: bool,
) -> Scan:
    """Save a zelfscan as draft or submit it. A draft may miss scores; a
    submitted scan has all twenty and is final."""
    moment = ScanMoment(moment).value
    with transaction.atomic():
        application = lock(Application, pk=application.pk)
        _require_accepted(application)
        scan, _created = Scan.objects.get_or_create(
            application=application, moment=moment
        )
        if not scan.is_editable:
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
        if submit:
            audit_record(
                actor=by,
                action="scan.submitted",
                target=scan,
                summary=_("De zelfscan (%(moment)s) is ingediend.")
                % {"moment": scan.get_moment_display().lower()},
                data={"moment": moment, "scores": len(rows)},
            )
    return scan


def reflection_save(
    *,
    application: Application,
    session: Session,
    author: User,
    first_order: str,
    second_order: str,
    third_order: str,
    reflection: Reflection | None = None,
) -> Reflection:
    """Add a reflection, or change one's own."""
    with transaction.atomic():
        _require_accepted(application)
        if session.edition_id != application.edition_id:
            raise SessionOfOtherEdition
        if reflection is None:
            reflection = Reflection(application=application, author=author)
        elif reflection.author_id != author.pk or (
            reflection.application_id != application.pk
        ):
            raise NotOwnReflection
        reflection.session = session
        reflection.first_order = first_order.strip()
        reflection.second_order = second_order.strip()
        reflection.third_order = third_order.strip()
        reflection.full_clean()
        reflection.save()
    return reflection


def praatplaat_notes_save(
    *, application: Application, notes: Mapping[int, str], by: User
) -> None:
    """Save the municipality's notes, one per bouwsteen (hotspot pk)."""
    with transaction.atomic():
        _require_accepted(application)
        # One read of the existing notes (locked: two teammates saving at
        # once), then one bulk write each for the changed and the new ones.
        existing = {
            note.hotspot_id: note
            for note in PraatplaatNote.objects.select_for_update().filter(
                application=application, hotspot_id__in=list(notes)
            )
        }
        changed: list[PraatplaatNote] = []
        new: list[PraatplaatNote] = []
        for hotspot_id, text in notes.items():
            note = existing.get(hotspot_id) or PraatplaatNote(
                application=application, hotspot_id=hotspot_id
            )
            note.text = text.strip()
            note.updated_by = by
            note.full_clean(exclude=["application", "hotspot"], validate_unique=False)
            (changed if note.pk else new).append(note)
        now = timezone.now()
        for note in changed:
            note.updated_at = now
        PraatplaatNote.objects.bulk_update(
            changed, ["text", "updated_by", "updated_at"]
        )
        PraatplaatNote.objects.bulk_create(new)


def _story_body(*, application: Application) -> list[tuple[str, str]]:
    """The story's first draft: one text block per part, each rendered from
    its own template in ``leergang/practice_story/``."""

    def part(name: str, **context: object) -> tuple[str, str]:
        html = render_to_string(f"leergang/practice_story/{name}.html", context)
        return ("text", html.strip())

    parts = [part("municipality", application=application)]
    bouwopgaven = [
        str(Bouwopgave(n).label) for n in application.bouwopgaven if n in Bouwopgave
    ]
    if bouwopgaven:
        parts.append(part("bouwopgaven", bouwopgaven=bouwopgaven))
    chart = chart_data_for(application=application)
    if chart.series:
        rows = [
            (
                label,
                [(s.label, s.own[number]) for s in chart.series if number in s.own],
            )
            for number, label in chart.bouwopgaven
        ]
        parts.append(part("scan", rows=rows))
    reflections = list(reflection_list_for(application=application))
    if reflections:
        parts.append(part("reflections", reflections=reflections))
    return parts


def practice_story_create(*, application: Application, by: User) -> PublicationPage:
    """Make (once) a draft practice story in the kennisbank from the
    municipality's work in the leergang; a second call returns the same page."""
    with transaction.atomic():
        application = lock(
            Application.objects.select_related("municipality", "edition"),
            pk=application.pk,
        )
        _require_accepted(application)
        story = PracticeStory.objects.filter(application=application).first()
        if story is not None and story.page is not None:
            return story.page.specific
        parent = KnowledgeIndexPage.objects.first()
        if parent is None:
            raise NoKnowledgeBase
        municipality = application.municipality.name
        page = PublicationPage(
            title=_("Praktijkverhaal: gemeente %(name)s") % {"name": municipality},
            slug=(
                f"praktijkverhaal-{application.municipality.slug}-"
                f"{application.edition.slug}"
            )[:255],
            item_type=ItemType.PRAKTIJKVERHAAL,
            summary=_(
                "Hoe gemeente %(name)s in de %(edition)s werkte aan integraal "
                "werken aan participatie."
            )
            % {"name": municipality, "edition": application.edition.title},
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
        audit_record(
            actor=by,
            action="practice_story.created",
            target=story,
            summary=_("Het praktijkverhaal '%(title)s' is als concept gemaakt.")
            % {"title": page.title},
            data={"page": page.pk, "application": application.pk},
        )
    return page
