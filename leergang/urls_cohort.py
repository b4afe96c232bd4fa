"""Addresses of the cohort space: /leergang/<edition>/ and what is inside it."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
