"""Membership of the leernetwerk: join, profile, directory and my page.

Included from ``network.urls`` inside the ``network`` namespace.
"""

from django.urls import path

from . import views_members

urlpatterns: list = [
    path("leernetwerk/", views_members.join, name="join"),
    path("leernetwerk/profiel/", views_members.profile_edit, name="profile_edit"),
    path("leden/", views_members.directory, name="directory"),
    path("mijn/", views_members.my_page, name="my_page"),
    path("mijn/agendalink/", views_members.feed_rotate, name="feed_rotate"),
    path("mijn/gegevens/", views_members.my_data, name="my_data"),
    path(
        "mijn/account-verwijderen/",
        views_members.account_delete,
        name="account_delete",
    ),
]
