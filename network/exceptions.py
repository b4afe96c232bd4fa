"""Domain errors of the leernetwerk; views turn them into Dutch messages."""

from django.utils.translation import gettext_lazy as _


class NetworkError(Exception):
    message = _("Dit lukte niet.")

    def __str__(self) -> str:
        return str(self.message)


class RegistrationClosed(NetworkError):
    message = _("Aanmelden voor deze bijeenkomst is gesloten.")


class RegistrationNotOpenYet(NetworkError):
    message = _("Aanmelden voor deze bijeenkomst kan nog niet.")


class EventCancelled(NetworkError):
    message = _("Deze bijeenkomst gaat niet door.")


class NotRegistered(NetworkError):
    message = _("U bent niet aangemeld voor deze bijeenkomst.")


class EventStarted(NetworkError):
    message = _(
        "Deze bijeenkomst is al begonnen. Afmelden kan niet meer. Kon u er toch "
        "niet bij zijn? Neem dan contact op met de organisator."
    )
