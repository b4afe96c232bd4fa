"""The permission matrix of docs/permissions.md, tested as a matrix."""

import pytest
from django.contrib.auth.models import Group
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permissions import policy_registry

from portal.roles import Role

pytestmark = pytest.mark.django_db

ANONYMOUS = None
NO_ROLE = "geen rol"

# (role, may open the back office /beheer/, may publish pages,
#  may upload documents, may upload images)
MATRIX = [
    (ANONYMOUS, False, False, False, False),
    (NO_ROLE, False, False, False, False),
    (Role.MEMBER, False, False, False, False),
    (Role.MUNICIPALITY_CONTACT, False, False, False, False),
    (Role.COORDINATOR, True, False, True, False),
    (Role.EDITOR, True, True, True, True),
]


def test_the_four_roles_exist_as_groups_and_wagtails_defaults_are_gone():
    names = set(Group.objects.values_list("name", flat=True))

    assert {r.value for r in Role} <= names
    assert not names & {"Editors", "Moderators"}


@pytest.fixture
def client_as(client, make_user):
    def login(role):
        if role is ANONYMOUS:
            return client, None
        user = make_user() if role == NO_ROLE else make_user(role)
        client.force_login(user)
        return client, user

    return login


@pytest.mark.parametrize(("role", "back_office", "_p", "_d", "_i"), MATRIX)
def test_back_office_access(client_as, role, back_office, _p, _d, _i):
    client, _user = client_as(role)

    response = client.get("/beheer/")

    if back_office:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/account/login/")


@pytest.mark.parametrize(
    ("role", "_b", "publish", "documents", "images"),
    [row for row in MATRIX if row[0] is not ANONYMOUS],
)
def test_content_permissions(client_as, role, _b, publish, documents, images):
    _client, user = client_as(role)
    page_perms = Page.objects.get(depth=2).permissions_for_user(user)
    document_policy = policy_registry.get_by_type(get_document_model())
    image_policy = policy_registry.get_by_type(get_image_model())

    assert page_perms.can_publish() is publish
    assert page_perms.can_edit() is publish
    assert document_policy.user_has_permission(user, "add") is documents
    assert image_policy.user_has_permission(user, "add") is images


def test_signing_up_makes_you_a_member(client, mailoutbox):
    from portal.models import User

    client.post(
        "/account/signup/",
        {
            "email": "nieuw@example.org",
            "password1": "een-goed-wachtwoord-42",
            "password2": "een-goed-wachtwoord-42",
        },
    )

    user = User.objects.get(email="nieuw@example.org")
    assert user.has_role(Role.MEMBER)
    assert not user.has_role(Role.EDITOR)
