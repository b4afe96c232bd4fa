"""Forms of the leergang."""
