import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from portal.models import User
from portal.roles import Role
from portal.selectors import user_list_with_role, user_roles
from portal.services import user_assign_role, user_remove_role

pytestmark = pytest.mark.django_db


def test_user_logs_in_with_email_and_has_no_username():
    user = User.objects.create_user("Anna@Example.org", "een-goed-wachtwoord-42")

    assert User.USERNAME_FIELD == "email"
    assert not hasattr(user, "username") or user.username is None
    assert user.email == "anna@example.org"
    assert user.check_password("een-goed-wachtwoord-42")
    assert not user.is_staff
    assert not user.is_superuser


def test_email_is_unique_regardless_of_case():
    User.objects.create_user("anna@example.org", "x-wachtwoord-123")
    with pytest.raises(IntegrityError):
        User.objects.bulk_create([User(email="ANNA@example.org")])


def test_create_user_rejects_an_invalid_address():
    with pytest.raises(ValidationError):
        User.objects.create_user("geen-adres", "x-wachtwoord-123")


def test_create_superuser_sets_the_flags():
    admin = User.objects.create_superuser("beheer@example.org", "x-wachtwoord-123")

    assert admin.is_staff
    assert admin.is_superuser
    assert admin.has_role(Role.EDITOR)


def test_str_prefers_the_full_name(make_user):
    assert str(make_user(first_name="Fatima", last_name="El Amrani")) == (
        "Fatima El Amrani"
    )
    assert str(make_user(first_name="", last_name="", email="x@example.org")) == (
        "x@example.org"
    )


def test_assigning_a_role_twice_keeps_one_membership(make_user):
    user = make_user()

    user_assign_role(user=user, role=Role.COORDINATOR)
    user_assign_role(user=user, role=Role.COORDINATOR)

    assert user_roles(user=user) == ["Coördinator"]
    assert user.has_role(Role.COORDINATOR)
    assert not user.has_role(Role.EDITOR)


def test_removing_a_role(make_user):
    user = make_user(Role.EDITOR, Role.MEMBER)

    user_remove_role(user=user, role=Role.EDITOR)

    assert user_roles(user=user) == ["Lid"]


def test_user_list_with_role_leaves_out_inactive_users(make_user):
    active = make_user(Role.COORDINATOR, email="a@example.org")
    make_user(Role.COORDINATOR, email="b@example.org", is_active=False)
    make_user(Role.EDITOR, email="c@example.org")

    assert list(user_list_with_role(role=Role.COORDINATOR)) == [active]
