"""Demo content built from the programme's source documents (``seed_demo``)."""
