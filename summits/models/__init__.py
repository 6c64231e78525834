"""Summits, their programmes, the declarations they adopt and the signatures of those."""

from .pages import (
    Audience,
    DeclarationPage,
    ProgrammeDayBlock,
    SessionBlock,
    SummitIndexPage,
    SummitPage,
    SummitVenue,
)
from .signatures import Signature, SignatureKind, SignatureQuerySet

__all__ = [
    "Audience",
    "DeclarationPage",
    "ProgrammeDayBlock",
    "SessionBlock",
    "Signature",
    "SignatureKind",
    "SignatureQuerySet",
    "SummitIndexPage",
    "SummitPage",
    "SummitVenue",
]
