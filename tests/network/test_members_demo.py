"""Demo members: profiles for the demo accounts and a dozen more, once."""

from io import StringIO

import pytest

from demo.members import seed_members
from network.models import MemberProfile, MemberRole
from network.selectors.members import member_directory
from portal.models import User
from portal.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_site):
    """The seeded demo: the members' part runs again on top of it."""


def test_seed_members_gives_demo_accounts_a_profile_and_adds_members(demo):
    seed_members(out=StringIO())

    lid = MemberProfile.objects.get(user__email="lid@example.org")
    assert lid.municipality.name == "Houten"
    assert lid.show_in_directory
    assert lid.receive_newsletter
    assert MemberProfile.objects.filter(user__email="coordinator@example.org").exists()
    gemeente = MemberProfile.objects.get(user__email="gemeente@example.org")
    assert gemeente.municipality.name == "Woerden"

    assert MemberProfile.objects.count() >= 15
    roles = set(MemberProfile.objects.values_list("role", flat=True))
    assert len(roles) == len(MemberRole.values)
    assert MemberProfile.objects.values("municipality").distinct().count() >= 8
    listed = member_directory().count()
    assert 0 < listed < MemberProfile.objects.count()  # some did not consent
    for profile in MemberProfile.objects.select_related("user"):
        assert profile.user.has_role(Role.MEMBER)
        assert profile.user.get_full_name()
    demo_member = User.objects.get(email="anouk.jansen@example.org")
    assert not demo_member.has_usable_password()


def test_seed_members_twice_creates_nothing(demo):
    seed_members(out=StringIO())
    users, profiles = User.objects.count(), MemberProfile.objects.count()
    out = StringIO()
    seed_members(out=out)
    assert (User.objects.count(), MemberProfile.objects.count()) == (users, profiles)
    assert out.getvalue() == ""
