"""The coordinator's pages in the Wagtail admin."""
