"""Job arguments as JSON: model instances travel as their label and primary key."""

from django.apps import apps
from django.db import models

_MODEL_MARK = "__model__"


def encode_arguments(value):
    """Make job arguments JSON-safe: model instances travel as (label, pk)."""
    if isinstance(value, models.Model):
        return {_MODEL_MARK: value._meta.label, "pk": value.pk}
    if isinstance(value, (list, tuple)):
        return [encode_arguments(item) for item in value]
    if isinstance(value, dict):
        return {key: encode_arguments(item) for key, item in value.items()}
    return value


def decode_arguments(value):
    if isinstance(value, dict) and _MODEL_MARK in value:
        return apps.get_model(value[_MODEL_MARK])._default_manager.get(pk=value["pk"])
    if isinstance(value, list):
        return [decode_arguments(item) for item in value]
    if isinstance(value, dict):
        return {key: decode_arguments(item) for key, item in value.items()}
    return value
