from django.urls import path

from .views import certificates, events, members, messages

app_name = "network"

urlpatterns = [
    # The agenda: /agenda/
    path("agenda/", events.event_list_page, name="event_list"),
    path("agenda/archief/", events.event_archive_page, name="event_archive"),
    path(
        "agenda/afmelden/<str:token>/",
        events.registration_cancel_page,
        name="registration_cancel",
    ),
    path(
        "agenda/berichten-uit/<str:token>/",
        messages.messages_off_page,
        name="messages_off",
    ),
    path("agenda/feed/<str:token>.ics", events.member_feed, name="member_feed"),
    path("agenda/<slug:slug>/", events.event_detail, name="event_detail"),
    path("agenda/<slug:slug>/aanmelden/", events.event_register, name="event_register"),
    path(
        "agenda/<slug:slug>/afmelden/",
        events.event_unregister,
        name="event_unregister",
    ),
    path("agenda/<slug:slug>/agenda.ics", events.event_ics, name="event_ics"),
    # Membership: /leernetwerk/, /leden/, /mijn/
    path("leernetwerk/", members.join, name="join"),
    path("leernetwerk/profiel/", members.profile_edit, name="profile_edit"),
    path("leden/", members.directory, name="directory"),
    path("mijn/", members.my_page, name="my_page"),
    path("mijn/agendalink/", members.feed_rotate, name="feed_rotate"),
    path("mijn/gegevens/", members.my_data, name="my_data"),
    path("mijn/account-verwijderen/", members.account_delete, name="account_delete"),
    # After the event: certificate of attendance
    path(
        "agenda/<slug:slug>/certificaat.pdf",
        certificates.certificate,
        name="certificate",
    ),
]
