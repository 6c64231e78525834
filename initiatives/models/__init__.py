"""The initiatives' pages: each initiative under its city, and the index of them all."""

from .index import InitiativeIndexPage
from .pages import InitiativeKind, InitiativePage, InitiativePageForm, latest_initiatives

__all__ = [
    "InitiativeIndexPage",
    "InitiativeKind",
    "InitiativePage",
    "InitiativePageForm",
    "latest_initiatives",
]
