"""Editorial rules: workflow, scheduled publishing, uploads, reminders, PDFs."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from demo.knowledge import simple_pdf
from knowledge.models import DocumentText, KnowledgeAttachment, ReviewReminder
from knowledge.permissions import PARTNER_REVIEWER_GROUP, page_needs_partner_review
from knowledge.services.review import review_reminders_send, review_workflow_setup
from knowledge.tasks import send_review_reminders
from portal.roles import Role
from portal.tasks import publish_scheduled_pages
from tests.network import failing_mail

pytestmark = pytest.mark.django_db


def test_draft_goes_live_only_after_a_partner_reviewer_approves(
    kennisbank, make_publication, make_user
):
    workflow = review_workflow_setup(index=kennisbank)
    editor = make_user(Role.EDITOR)
    reviewer = make_user()
    reviewer.groups.add(Group.objects.get(name=PARTNER_REVIEWER_GROUP))
    page = make_publication(title="Concept", live=False)

    assert page.get_workflow() == workflow
    workflow.start(page, editor)
    page.refresh_from_db()
    assert not page.live
    task_state = page.current_workflow_task_state
    assert task_state.task.specific.user_can_access_editor(page, reviewer)

    task_state.task.specific.on_action(task_state, reviewer, "approve")

    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None


def test_scheduled_publication_goes_live_when_its_time_comes(make_publication):
    page = make_publication(title="Later", live=False)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # with a go-live time in the future this only schedules
    page.refresh_from_db()
    assert not page.live

    # Time passes: the approved go-live moment is now in the past.
    past = timezone.now() - timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    publish_scheduled_pages()

    page.refresh_from_db()
    assert page.live


def test_expired_publication_goes_offline(make_publication):
    page = make_publication(title="Verloopt")
    page.expire_at = timezone.now() - timedelta(minutes=1)
    page.save()

    publish_scheduled_pages()

    page.refresh_from_db()
    assert not page.live
    assert page.expired


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("virus.exe", b"MZ", "Bestandsextensie \u2018exe\u2019 is niet toegestaan"),
        (
            "plaatje.png",
            b"\x89PNG",
            "Bestandsextensie \u2018png\u2019 is niet toegestaan",
        ),
    ],
)
def test_editor_cannot_upload_other_file_types(
    client, make_user, filename, content, message
):
    client.force_login(make_user(Role.EDITOR))

    response = client.post(
        "/beheer/documents/add/",
        {"title": "Bestand", "file": SimpleUploadedFile(filename, content)},
    )

    assert Document.objects.count() == 0
    assert message in response.content.decode()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_editor_cannot_upload_a_document_that_is_too_large(client, make_user):
    client.force_login(make_user(Role.EDITOR))

    response = client.post(
        "/beheer/documents/add/",
        {
            "title": "Groot",
            "file": SimpleUploadedFile("groot.pdf", b"%PDF" + b"0" * 4096),
        },
    )

    assert Document.objects.count() == 0
    assert "te groot" in response.content.decode()


def test_editor_can_upload_a_pdf(client, make_user):
    client.force_login(make_user(Role.EDITOR))

    client.post(
        "/beheer/documents/add/",
        {
            "title": "Rapport",
            "file": SimpleUploadedFile("r.pdf", simple_pdf(["Hallo"])),
        },
    )

    assert Document.objects.get().title == "Rapport"


def test_text_of_an_attached_pdf_is_found_by_search(
    client, make_publication, django_capture_on_commit_callbacks
):
    page = make_publication(title="Rapport met bijlage", summary="Kort.")
    with django_capture_on_commit_callbacks(execute=True):
        document = Document(title="Bijlage")
        document.file.save(
            "bijlage.pdf",
            SimpleUploadedFile(
                "bijlage.pdf",
                simple_pdf(["De casusregisseur pakt schuldenproblematiek aan."]),
            ),
            save=False,
        )
        document.save()
    page.attachments.add(KnowledgeAttachment(document=document))
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert "schuldenproblematiek" in DocumentText.objects.get(document=document).text
    response = client.get("/zoeken/", {"q": "schuldenproblematiek"})
    assert [r.page.title for r in response.context["search"].results] == [
        "Rapport met bijlage"
    ]


def test_owners_get_one_yearly_review_reminder(make_publication, make_user):
    owner = make_user(Role.EDITOR, email="eigenaar@example.org")
    old = make_publication(title="Oud stuk")
    old.owner = owner
    old.last_reviewed = timezone.localdate() - timedelta(days=400)
    old.save()
    fresh = make_publication(title="Vers stuk")
    fresh.owner = owner
    fresh.last_reviewed = timezone.localdate()
    fresh.save()

    assert send_review_reminders() == 1
    assert review_reminders_send(today=timezone.localdate()) == 0  # never twice

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["eigenaar@example.org"]
    assert "Oud stuk" in mail.outbox[0].subject
    assert ReviewReminder.objects.get().sent_at is not None


def test_the_review_reminder_links_to_the_page_in_the_editor(
    make_publication, make_user
):
    owner = make_user(Role.EDITOR, email="eigenaar@example.org", first_name="Saar")
    page = make_publication(title="Oud stuk")
    page.owner = owner
    page.last_reviewed = timezone.localdate() - timedelta(days=400)
    page.save()

    send_review_reminders()

    [message] = mail.outbox
    [(html, mimetype)] = message.alternatives
    edit_url = f"/beheer/pages/{page.pk}/edit/"
    assert mimetype == "text/html"
    assert message.body.startswith("Beste Saar,")
    assert edit_url in message.body
    assert "'Oud stuk'" in message.body
    assert f'{edit_url}" style=' in html  # the button
    assert "Beste Saar," in html
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


@override_settings(EMAIL_BACKEND="tests.network.failing_mail.FailingTwiceBackend")
def test_a_reminder_the_mail_server_refused_is_sent_on_the_next_run(
    make_publication, make_user
):
    owner = make_user(Role.EDITOR, email="eigenaar@example.org")
    first = make_publication(title="Eerste oude stuk")
    second = make_publication(title="Tweede oude stuk")
    for page in (first, second):
        page.owner = owner
        page.last_reviewed = timezone.localdate() - timedelta(days=400)
        page.save()
    failing_mail.reset(failures=1)

    assert send_review_reminders() == 1  # the first send fails, the other goes
    assert send_review_reminders() == 1  # the failed one is retried
    assert send_review_reminders() == 0  # and then never again

    assert sorted(m.subject for m in failing_mail.sent) == [
        "Wilt u 'Eerste oude stuk' controleren?",
        "Wilt u 'Tweede oude stuk' controleren?",
    ]
    assert ReviewReminder.objects.filter(sent_at__isnull=True).count() == 0


def test_a_reminder_left_claimed_by_a_run_that_died_is_sent_later(
    make_publication, make_user
):
    owner = make_user(Role.EDITOR, email="eigenaar@example.org")
    stale = make_publication(title="Half verstuurd")
    busy = make_publication(title="Wordt nu verstuurd")
    for page in (stale, busy):
        page.owner = owner
        page.last_reviewed = timezone.localdate() - timedelta(days=400)
        page.save()
    due_on = stale.last_reviewed + timedelta(days=365)
    # A run died between claiming and sending two hours ago; another run
    # claimed the second page a minute ago and is sending it now.
    ReviewReminder.objects.create(
        page=stale, due_on=due_on, claimed_at=timezone.now() - timedelta(hours=2)
    )
    ReviewReminder.objects.create(
        page=busy, due_on=due_on, claimed_at=timezone.now() - timedelta(minutes=1)
    )

    assert send_review_reminders() == 1
    assert send_review_reminders() == 0

    assert [m.subject for m in mail.outbox] == ["Wilt u 'Half verstuurd' controleren?"]
    assert ReviewReminder.objects.get(page=stale).sent_at is not None
    assert ReviewReminder.objects.get(page=busy).sent_at is None


def test_a_page_never_reviewed_is_due_a_year_after_it_went_live(
    make_publication, make_user
):
    owner = make_user(Role.EDITOR, email="eigenaar@example.org")
    old = make_publication(title="Nooit gecontroleerd")
    recent = make_publication(title="Net online")
    Page.objects.filter(pk=old.pk).update(
        owner=owner, first_published_at=timezone.now() - timedelta(days=400)
    )
    Page.objects.filter(pk=recent.pk).update(
        owner=owner, first_published_at=timezone.now() - timedelta(days=30)
    )
    assert old.last_reviewed is None

    assert send_review_reminders() == 1
    assert send_review_reminders() == 0

    [message] = mail.outbox
    assert "Nooit gecontroleerd" in message.subject
    reminder = ReviewReminder.objects.get()
    assert reminder.page_id == old.pk
    assert reminder.due_on == (
        timezone.localdate() - timedelta(days=400) + timedelta(days=365)
    )


@pytest.fixture
def reviewed_kennisbank(kennisbank):
    review_workflow_setup(index=kennisbank)
    return kennisbank


def test_editors_cannot_skip_the_partner_review(
    reviewed_kennisbank, make_publication, make_user
):
    editor = make_user(Role.EDITOR)
    reviewer = make_user()
    reviewer.groups.add(Group.objects.get(name=PARTNER_REVIEWER_GROUP))
    admin = make_user(is_superuser=True)
    page = make_publication(title="Concept", live=False)
    outside = reviewed_kennisbank.get_parent()

    assert page_needs_partner_review(user=editor, page=page)
    assert not page_needs_partner_review(user=reviewer, page=page)
    assert not page_needs_partner_review(user=admin, page=page)
    assert not page_needs_partner_review(user=editor, page=outside)


def test_the_publish_button_is_hidden_from_editors_in_the_kennisbank(
    client, reviewed_kennisbank, make_publication, make_user
):
    page = make_publication(title="Concept", live=False)
    editor = make_user(Role.EDITOR)
    reviewer = make_user(Role.EDITOR)
    reviewer.groups.add(Group.objects.get(name=PARTNER_REVIEWER_GROUP))

    client.force_login(editor)
    editor_html = client.get(f"/beheer/pages/{page.pk}/edit/").content.decode()
    client.force_login(reviewer)
    reviewer_html = client.get(f"/beheer/pages/{page.pk}/edit/").content.decode()

    assert 'name="action-publish"' not in editor_html
    assert 'name="action-submit"' in editor_html
    assert 'name="action-publish"' in reviewer_html


def _edit_form_data(page, **changes) -> dict:
    """What the admin's edit form posts for a publication without extras."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "item_type": page.item_type,
        "publication_date": page.publication_date.isoformat(),
        "summary": page.summary,
        "body": streamfield([]),
        "attachments": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def test_a_publish_request_from_an_editor_is_kept_as_a_draft(
    client, reviewed_kennisbank, make_publication, make_user
):
    page = make_publication(title="Concept", live=False)
    client.force_login(make_user(Role.EDITOR))

    response = client.post(
        f"/beheer/pages/{page.pk}/edit/",
        {**_edit_form_data(page, title="Nieuwe titel"), "action-publish": "1"},
        follow=True,
    )

    assert response.status_code == 200
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision().as_object().title == "Nieuwe titel"  # kept
    assert "Opgeslagen als concept" in response.content.decode()


def test_a_partner_reviewer_publishes_through_the_same_form(
    client, reviewed_kennisbank, make_publication, make_user
):
    page = make_publication(title="Concept", live=False)
    reviewer = make_user(Role.EDITOR)
    reviewer.groups.add(Group.objects.get(name=PARTNER_REVIEWER_GROUP))
    client.force_login(reviewer)

    client.post(
        f"/beheer/pages/{page.pk}/edit/",
        {**_edit_form_data(page, title="Goedgekeurd"), "action-publish": "1"},
    )

    page.refresh_from_db()
    assert page.live
    assert page.title == "Goedgekeurd"


def test_editors_cannot_bulk_publish_kennisbank_pages(
    client, reviewed_kennisbank, make_publication, make_user
):
    draft = make_publication(title="Concept", live=False)
    client.force_login(make_user(Role.EDITOR))

    response = client.post(
        f"/beheer/bulk/wagtailcore/page/publish/?id={draft.pk}"
        f"&next=/beheer/pages/{reviewed_kennisbank.pk}/",
        {"include_descendants": ""},
        follow=True,
    )

    assert response.status_code == 200
    assert "Niets gepubliceerd" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.live


def test_editors_cannot_bulk_publish_kennisbank_drafts_as_descendants(
    client, reviewed_kennisbank, make_publication, make_user
):
    draft = make_publication(title="Concept", live=False)
    home = reviewed_kennisbank.get_parent()
    client.force_login(make_user(Role.EDITOR))

    client.post(
        f"/beheer/bulk/wagtailcore/page/publish/?id={home.pk}",
        {"include_descendants": "on"},
    )

    draft.refresh_from_db()
    assert not draft.live


def test_partner_reviewers_can_bulk_publish(
    client, reviewed_kennisbank, make_publication, make_user
):
    draft = make_publication(title="Concept", live=False)
    reviewer = make_user(Role.EDITOR)
    reviewer.groups.add(Group.objects.get(name=PARTNER_REVIEWER_GROUP))
    client.force_login(reviewer)

    client.post(
        f"/beheer/bulk/wagtailcore/page/publish/?id={draft.pk}",
        {"include_descendants": ""},
    )

    draft.refresh_from_db()
    assert draft.live


def _copy(client, page, *, parent, **extra):
    return client.post(
        f"/beheer/pages/{page.pk}/copy/",
        {
            "new_title": "Kopie",
            "new_slug": "kopie",
            "new_parent_page": parent.pk,
            **extra,
        },
        follow=True,
    )


def test_an_editors_published_copy_in_the_kennisbank_is_a_draft(
    client, reviewed_kennisbank, make_publication, make_user
):
    original = make_publication(title="Origineel")
    client.force_login(make_user(Role.EDITOR))

    response = _copy(client, original, parent=reviewed_kennisbank, publish_copies="on")

    copy = Page.objects.get(slug="kopie")
    assert not copy.live
    assert not Page.objects.filter(title="Kopie", live=True).exists()
    assert "De kopie is opgeslagen als concept" in response.content.decode()


def test_an_editor_cannot_make_a_live_alias_in_the_kennisbank(
    client, reviewed_kennisbank, make_publication, make_user
):
    original = make_publication(title="Origineel")
    client.force_login(make_user(Role.EDITOR))

    response = _copy(client, original, parent=reviewed_kennisbank, alias="on")

    assert not Page.objects.filter(slug="kopie").exists()
    assert "Een alias in de kennisbank is meteen live" in response.content.decode()


def test_a_partner_reviewer_may_publish_a_copy(
    client, reviewed_kennisbank, make_publication, make_user
):
    original = make_publication(title="Origineel")
    reviewer = make_user(Role.EDITOR)
    reviewer.groups.add(Group.objects.get(name=PARTNER_REVIEWER_GROUP))
    client.force_login(reviewer)

    _copy(client, original, parent=reviewed_kennisbank, publish_copies="on")

    assert Page.objects.get(slug="kopie").live
