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
]

# The cohort space comes last: its first segment is an edition slug.
urlpatterns += cohort_urlpatterns
