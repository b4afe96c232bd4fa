"""Build a demo portal from the programme's source documents.

Every app may have a ``demo`` module with a ``seed(*, out)`` function; they run
in the order of INSTALLED_APPS (portal, network, knowledge, leergang), so each
app only seeds what it owns and may use what the apps before it made. Running
the command again changes nothing that is already there.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Vult het portaal met democontent uit de brondocumenten (idempotent)."

    def handle(self, *args, **options) -> None:
        for app_config in apps.get_app_configs():
            if app_config.name not in settings.PROJECT_APPS:
                continue
            module_name = f"{app_config.name}.demo"
            if find_spec(module_name) is None:
                continue
            module = import_module(module_name)
            with transaction.atomic():
                module.seed(out=self.stdout)
        self.stdout.write(self.style.SUCCESS("Democontent is klaar."))
