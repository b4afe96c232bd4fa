"""Writes with rules of the leergang, one module per sub-domain."""
