"""ucheck: validation and consistency checks for figures curated from Chinese reports."""

__version__ = "0.1.0"
