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


class InvitationInvalid(LeergangError):
    message = _(
        "Deze uitnodiging klopt niet. Gebruik de link uit de e-mail precies zoals "
        "hij is, of vraag de coördinator om een nieuwe uitnodiging."
    )


class InvitationExpired(InvitationInvalid):
    message = _(
        "Deze uitnodiging is verlopen. Vraag de coördinator om een nieuwe uitnodiging."
    )


class InvitationNotActive(LeergangError):
    message = _(
        "Deze uitnodiging geldt niet meer, omdat de gemeente niet (meer) meedoet "
        "aan deze leergang. Heeft u vragen? Neem contact op met de coördinator."
    )


class InvitationEmailMismatch(LeergangError):
    message = _(
        "Deze uitnodiging is voor een ander e-mailadres dan dat van uw account. "
        "Log in met het account van het uitgenodigde adres, of vraag de "
        "coördinator om de uitnodiging naar uw adres te sturen."
    )


class InvitationAlreadyUsed(LeergangError):
    message = _(
        "Iemand anders heeft deze uitnodiging al gebruikt met een ander account. "
        "Klopt dat niet? Neem contact op met de coördinator."
    )


class AlreadyTeamMember(LeergangError):
    message = _("U bent al lid van het team.")


class CarryOverSameEdition(LeergangError):
    message = _("Kies twee verschillende edities: een van waar en een naar waar.")


class TeamMemberAlreadyJoined(LeergangError):
    message = _("Dit teamlid doet al mee. Een nieuwe uitnodiging is niet nodig.")


class NotOnReserveList(LeergangError):
    message = _("Deze gemeente staat niet (meer) op de reservelijst.")

    def __init__(self, *, municipality: str) -> None:
        super().__init__(
            _("Gemeente %(name)s staat niet (meer) op de reservelijst.")
            % {"name": municipality}
        )


# --- The cohort space ---------------------------------------------------------


class NotInCohort(LeergangError):
    message = _("Deze gemeente doet niet mee aan deze leergang.")


class ScanIncomplete(LeergangError):
    message = _(
        "Geef bij alle twintig onderdelen een score om de zelfscan in te dienen."
    )


class ScanAlreadySubmitted(LeergangError):
    message = _("Deze zelfscan is al ingediend en kan niet meer worden gewijzigd.")


class SessionOfOtherEdition(LeergangError):
    message = _("Deze bijeenkomst hoort niet bij uw leergang.")


class NotOwnReflection(LeergangError):
    message = _("U kunt alleen uw eigen reflecties wijzigen.")


class NoKnowledgeBase(LeergangError):
    message = _("Er is nog geen kennisbank om het verhaal in te zetten.")
