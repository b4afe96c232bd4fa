"""Helpers for the exports coordinators open in a spreadsheet."""


def spreadsheet_safe(value: str) -> str:
    """Text typed by a user, made safe to open in a spreadsheet: a value that
    starts like a formula (= + - @, a tab or a carriage return) gets a leading
    apostrophe, so Excel and LibreOffice show it as text instead of running it
    (CSV/formula injection)."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value
