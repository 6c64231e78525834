"""Capitals of Living Together and the International Day of 16 May."""
