from django.urls import path

from . import certificates

urlpatterns: list = [
    path(
        "agenda/<slug:slug>/certificaat.pdf",
        certificates.certificate,
        name="certificate",
    ),
]
