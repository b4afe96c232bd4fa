from django.apps import AppConfig


class LeergangConfig(AppConfig):
    name = "leergang"
    verbose_name = "Leergang"
