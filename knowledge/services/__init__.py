"""Writes of the kennisbank that carry a rule."""
