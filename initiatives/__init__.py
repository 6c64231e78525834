"""Initiatives that member cities share."""
