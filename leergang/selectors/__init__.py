"""Reads of the leergang, one module per sub-domain."""
