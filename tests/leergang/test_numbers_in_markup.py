"""Numbers a browser reads (the chart's SVG geometry, form values, data
attributes) keep a decimal point and no thousands separator on the Dutch
site, where the numbers people read are written "2,5" and "1.234"."""

import pytest
from django.urls import reverse
from django.utils import translation

from leergang.charts import BOTTOM, HEIGHT, TOP
from leergang.models import ScanMoment, TeamMember
from portal.roles import Role
from tests.leergang.factories import (
    ApplicationFactory,
    cohort,
    contact_user,
    make_scan,
    member_of,
)
from tests.markup import assert_svg_numbers, elements
from tests.network.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _results_url(application):
    return reverse(
        "leergang:cohort_results",
        kwargs={
            "edition_slug": application.edition.slug,
            "municipality_slug": application.municipality.slug,
        },
    )


def _chart_bars(html):
    """The attributes of the bars of the chart (not of its legend)."""
    start = html.rindex("<svg", 0, html.index("scan-chart__svg"))
    chart = html[start : html.index("</svg>", start) + len("</svg>")]
    return [
        attrs
        for tag, attrs, _in_svg in elements(chart)
        if tag == "rect" and "bar" in attrs.get("class", "").split()
    ]


def test_the_results_chart_draws_its_bars_on_the_dutch_site(client):
    first, *others = cohort(size=4)
    # Own averages: 2.5 for the odd bouwopgaven, 3.5 for the even ones.
    make_scan(first, score=lambda b, v: (2 + v % 2) if b % 2 else (3 + (v > 2)))
    for score, application in enumerate(others, start=1):
        make_scan(application, score=score)
    make_scan(first, moment=ScanMoment.HALFWAY, score=4)
    client.force_login(member_of(first))

    with translation.override("nl"):
        response = client.get(_results_url(first))

    assert response.status_code == 200
    html = response.content.decode()
    assert_svg_numbers(html)
    # What people read stays Dutch.
    assert ">2,5</text>" in html
    assert "<td>3,5</td>" in html
    bars = _chart_bars(html)
    assert len(bars) == 5 * 2  # five bouwopgaven, two moments
    for bar in bars:
        # Each bar stands on the x axis and rises no higher than the top score.
        assert float(bar["y"]) + float(bar["height"]) == pytest.approx(HEIGHT - BOTTOM)
        assert float(bar["y"]) >= TOP


# --- whole numbers: no thousands separator ------------------------------------


@pytest.fixture
def grouped_thousands(settings):
    """The site as it would be with "1.234" for people."""
    settings.USE_THOUSAND_SEPARATOR = True


def test_the_application_page_posts_back_plain_keys(client, grouped_thousands):
    user = contact_user()
    application = ApplicationFactory(
        pk=12345, municipality=user.member_profile.municipality, team=0
    )
    TeamMember.objects.create(
        pk=23456,
        application=application,
        name="Teamlid",
        email="teamlid@gemeente.example.org",
        function="Klantmanager",
        domain="participatiewet",
        position=0,
    )
    client.force_login(user)

    with translation.override("nl"):
        html = client.get(reverse("leergang:my_application")).content.decode()

    assert 'name="application" value="12345"' in html
    assert 'data-team-member="23456"' in html


def test_the_review_page_marks_team_members_with_plain_keys(
    client, make_user, grouped_thousands
):
    application = ApplicationFactory(team=0)
    TeamMember.objects.create(
        pk=23457,
        application=application,
        name="Teamlid",
        email="teamlid@gemeente.example.org",
        function="Klantmanager",
        domain="participatiewet",
        position=0,
    )
    client.force_login(make_user(Role.COORDINATOR))

    with translation.override("nl"):
        url = reverse("leergang:review_detail", args=[application.pk])
        html = client.get(url).content.decode()

    assert 'data-team-member="23457"' in html


def test_the_attendance_form_posts_back_plain_keys(
    client, make_user, grouped_thousands
):
    registration = RegistrationFactory(pk=34567, event=EventFactory(past=True))
    client.force_login(make_user(Role.COORDINATOR))

    with translation.override("nl"):
        url = reverse("network_admin:event_registrations", args=[registration.event.pk])
        html = client.get(url).content.decode()

    assert 'name="present" value="34567"' in html
