"""Reads of the kennisbank."""
