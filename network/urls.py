from django.urls import include, path

from . import views

app_name = "network"

urlpatterns = [
    path("agenda/", views.event_list, name="event_list"),
    path("agenda/archief/", views.event_archive, name="event_archive"),
    path(
        "agenda/afmelden/<str:token>/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path("agenda/feed/<str:token>.ics", views.member_feed, name="member_feed"),
    path("agenda/<slug:slug>/", views.event_detail, name="event_detail"),
    path("agenda/<slug:slug>/aanmelden/", views.event_register, name="event_register"),
    path(
        "agenda/<slug:slug>/afmelden/", views.event_unregister, name="event_unregister"
    ),
    path("agenda/<slug:slug>/agenda.ics", views.event_ics, name="event_ics"),
    # Membership: /leernetwerk/, /leden/, /mijn/
    path("", include("network.urls_members")),
    # After the event: certificate of attendance
    path("", include("network.urls_certificates")),
]
