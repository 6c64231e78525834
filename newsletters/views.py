"""Subscribe, confirm, unsubscribe: placeholders until the subscription views land."""

from django.http import Http404


def subscribe(request):
    raise Http404


def confirm(request, token):
    raise Http404


def unsubscribe(request, token):
    raise Http404
