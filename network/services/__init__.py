"""Writes with rules of the leernetwerk, one module per sub-domain."""
