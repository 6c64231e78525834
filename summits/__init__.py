"""Summits, their programmes and declarations, and the signing of declarations."""
