from django.apps import AppConfig


class LeergangConfig(AppConfig):
    name = "leergang"
    verbose_name = "Leergang"

    def ready(self) -> None:
        from portal import member_areas

        from . import my_page

        member_areas.register(
            name="leergang",
            section=my_page.my_page_section,
            data=my_page.personal_data,
        )
