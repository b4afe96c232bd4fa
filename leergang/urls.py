from django.urls import path

from . import views
from .urls_cohort import urlpatterns as cohort_urlpatterns

app_name = "leergang"

urlpatterns = [
    path("leergang/", views.index, name="index"),
    path("leergang/aanmelden/", views.apply, name="apply"),
    path("leergang/mijn-aanmelding/", views.my_application, name="my_application"),
    path(
        "leergang/mijn-aanmelding/intrekken/",
        views.withdraw,
        name="withdraw",
    ),
    path("leergang/beheer/", views.review_list, name="review_list"),
    path("leergang/beheer/<int:pk>/", views.review_detail, name="review_detail"),
    path(
        "leergang/beheer/<int:pk>/toelaten-van-reservelijst/",
        views.review_accept_reserve,
        name="review_accept_reserve",
    ),
    path(
        "leergang/beheer/teamlid/<int:pk>/opnieuw-uitnodigen/",
        views.review_resend_invitation,
        name="review_resend_invitation",
    ),
    path(
        "leergang/beheer/reservelijst-overnemen/",
        views.review_carry_over,
        name="review_carry_over",
    ),
    path(
        "leergang/uitnodiging/<str:token>/",
        views.invitation,
        name="invitation",
    ),
]

# The cohort space comes last: its first segment is an edition slug.
urlpatterns += cohort_urlpatterns
