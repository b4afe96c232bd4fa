"""Addresses of the leergang, all under /leergang/.

The cohort space of an edition lives at /leergang/<edition>/, so its
addresses come last: the fixed pages (aanmelden, beheer, mijn-aanmelding,
uitnodiging) are matched first, and an edition may not use those words as
its slug (see ``models.validate_edition_slug``).
"""

from django.urls import URLPattern, path

from .views import applications, cohort, invitations, review

app_name = "leergang"

WORKSPACE = "leergang/<slug:edition_slug>/gemeente/<slug:municipality_slug>/"

fixed_urlpatterns: list[URLPattern] = [
    path("leergang/", applications.index, name="index"),
    path("leergang/aanmelden/", applications.apply, name="apply"),
    path(
        "leergang/mijn-aanmelding/",
        applications.my_application,
        name="my_application",
    ),
    path(
        "leergang/mijn-aanmelding/intrekken/",
        applications.withdraw,
        name="withdraw",
    ),
    path("leergang/beheer/", review.review_list, name="review_list"),
    path("leergang/beheer/<int:pk>/", review.review_detail, name="review_detail"),
    path(
        "leergang/beheer/<int:pk>/toelaten-van-reservelijst/",
        review.review_accept_reserve,
        name="review_accept_reserve",
    ),
    path(
        "leergang/beheer/teamlid/<int:pk>/opnieuw-uitnodigen/",
        review.review_resend_invitation,
        name="review_resend_invitation",
    ),
    path(
        "leergang/beheer/reservelijst-overnemen/",
        review.review_carry_over,
        name="review_carry_over",
    ),
    path(
        "leergang/uitnodiging/<str:token>/",
        invitations.invitation,
        name="invitation",
    ),
]

cohort_urlpatterns: list[URLPattern] = [
    path("leergang/<slug:edition_slug>/", cohort.cohort_home, name="cohort_home"),
    path(
        "leergang/<slug:edition_slug>/overzicht/",
        cohort.overview,
        name="cohort_overview",
    ),
    path(
        "leergang/<slug:edition_slug>/overzicht/zelfscans.xlsx",
        cohort.export,
        name="cohort_export",
    ),
    path(
        WORKSPACE + "zelfscan/<slug:moment>/",
        cohort.scan_edit,
        name="cohort_scan",
    ),
    path(WORKSPACE + "uitkomsten/", cohort.results, name="cohort_results"),
    path(WORKSPACE + "reflecties/", cohort.reflections, name="cohort_reflections"),
    path(
        WORKSPACE + "reflecties/nieuw/",
        cohort.reflection_edit,
        name="cohort_reflection_add",
    ),
    path(
        WORKSPACE + "reflecties/<int:pk>/",
        cohort.reflection_edit,
        name="cohort_reflection_edit",
    ),
    path(WORKSPACE + "praatplaat/", cohort.praatplaat, name="cohort_praatplaat"),
    path(WORKSPACE + "praktijkverhaal/", cohort.story_create, name="cohort_story"),
]

# The cohort space comes last: its first segment is an edition slug.
urlpatterns = fixed_urlpatterns + cohort_urlpatterns
