"""Which images and documents live public pages use, from Wagtail's reference index."""

from django.db.models import BigIntegerField, CharField
from django.db.models.functions import Cast

from wagtail.models import Page, ReferenceIndex


def used_by_live_pages(queryset):
    """The images or documents of ``queryset`` that a live page without view restriction uses."""
    pages = (
        Page.objects.live()
        .public()
        .annotate(key=Cast("pk", output_field=CharField()))
        .values("key")
    )
    used = ReferenceIndex.objects.filter(
        base_content_type=ReferenceIndex._get_base_content_type(Page),
        object_id__in=pages,
        to_content_type=ReferenceIndex._get_base_content_type(queryset.model),
    ).values(object_pk=Cast("to_object_id", output_field=BigIntegerField()))
    return queryset.filter(pk__in=used)
