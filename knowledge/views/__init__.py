"""Views of the kennisbank: its pages, search and the team praatplaat."""
