"""Capitals of Living Together: the archive, each year's Capital and the Capital cycle."""
