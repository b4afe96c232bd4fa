"""Editorial rules: workflow, scheduled publishing, uploads, reminders, PDFs."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from wagtail.documents.models import Document

from knowledge.demo import simple_pdf
from knowledge.models import DocumentText, KnowledgeAttachment, ReviewReminder
from knowledge.services import (
    PARTNER_REVIEWER_GROUP,
    review_reminders_send,
    review_workflow_setup,
)
from knowledge.tasks import send_review_reminders
from portal.roles import Role
from portal.tasks import publish_scheduled_pages

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


@pytest.fixture
def reviewed_kennisbank(kennisbank):
    review_workflow_setup(index=kennisbank)
    return kennisbank


def test_editors_cannot_skip_the_partner_review(
    reviewed_kennisbank, make_publication, make_user
):
    from knowledge.services import page_needs_partner_review

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


def test_a_publish_request_from_an_editor_is_kept_as_a_draft(
    rf, reviewed_kennisbank, make_publication, make_user
):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    from knowledge.wagtail_hooks import review_before_publishing_an_edit

    page = make_publication(title="Concept", live=False)
    request = rf.post("/", {"title": "Nieuwe titel", "action-publish": "1"})
    request.user = make_user(Role.EDITOR)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)

    review_before_publishing_an_edit(request, page)

    assert "action-publish" not in request.POST
    assert request.POST["title"] == "Nieuwe titel"  # what was typed stays
    [message] = list(get_messages(request))
    assert "Opgeslagen als concept" in str(message)
