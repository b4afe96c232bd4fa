"""Pages of the leergang."""
