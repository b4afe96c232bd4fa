"""Addresses of the cohort space: /leergang/<edition>/ and what is inside it.

An edition's slug is the first segment, so the fixed pages of the leergang
(aanmelden, beheer, mijn-aanmelding) are matched first and an edition may not
use those words as its slug (see ``models.validate_edition_slug``).
"""

from django.urls import URLPattern, path

from . import views_cohort as views

WORKSPACE = "leergang/<slug:edition_slug>/gemeente/<slug:municipality_slug>/"

urlpatterns: list[URLPattern] = [
    path("leergang/<slug:edition_slug>/", views.cohort_home, name="cohort_home"),
    path(
        "leergang/<slug:edition_slug>/overzicht/",
        views.overview,
        name="cohort_overview",
    ),
    path(
        "leergang/<slug:edition_slug>/overzicht/zelfscans.xlsx",
        views.export,
        name="cohort_export",
    ),
    path(
        WORKSPACE + "zelfscan/<slug:moment>/",
        views.scan_edit,
        name="cohort_scan",
    ),
    path(WORKSPACE + "uitkomsten/", views.results, name="cohort_results"),
    path(WORKSPACE + "reflecties/", views.reflections, name="cohort_reflections"),
    path(
        WORKSPACE + "reflecties/nieuw/",
        views.reflection_edit,
        name="cohort_reflection_add",
    ),
    path(
        WORKSPACE + "reflecties/<int:pk>/",
        views.reflection_edit,
        name="cohort_reflection_edit",
    ),
    path(WORKSPACE + "praatplaat/", views.praatplaat, name="cohort_praatplaat"),
    path(
        WORKSPACE + "praktijkverhaal/",
        views.story_create,
        name="cohort_story",
    ),
]
