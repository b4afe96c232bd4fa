"""Domain errors of the leergang; views turn them into Dutch messages."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class LeergangError(Exception):
    message: str | Promise = _("Dit lukte niet.")

    def __init__(self, message: str | None = None) -> None:
        if message is not None:
            self.message = message
        super().__init__(str(self.message))

    def __str__(self) -> str:
        return str(self.message)


class CohortFull(LeergangError):
    message = _(
        "De leergang is vol: het maximale aantal gemeenten is al toegelaten. "
        "Zet de aanmelding op de reservelijst of wijs haar af."
    )


class ApplicationsClosed(LeergangError):
    message = _("Aanmelden voor deze editie van de leergang is niet (meer) mogelijk.")


class DuplicateApplication(LeergangError):
    message = _(
        "Uw gemeente heeft zich al aangemeld voor deze editie. Er kan maar één "
        "aanmelding per gemeente zijn."
    )


class ApplicationNotEditable(LeergangError):
    message = _("Deze aanmelding is al ingediend en kan niet meer worden gewijzigd.")


class InvalidTransition(LeergangError):
    message = _("Dat kan niet met een aanmelding met deze status.")


class ApplicationIncomplete(LeergangError):
    """The application lacks what a submission needs; ``errors`` maps field
    names (or ``"team"``) to Dutch messages."""

    message = _("De aanmelding is nog niet compleet.")

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__()


class DeclineMessageRequired(LeergangError):
    message = _("Schrijf een toelichting voor de gemeente als u afwijst.")
