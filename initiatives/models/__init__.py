"""The initiatives' pages: each initiative under its city, and the index of them all."""

from .index import InitiativeIndexPage
from .pages import InitiativeKind, InitiativePage, latest_initiatives

__all__ = [
    "InitiativeIndexPage",
    "InitiativeKind",
    "InitiativePage",
    "latest_initiatives",
]
