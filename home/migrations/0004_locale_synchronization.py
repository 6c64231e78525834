"""Every other language syncs its page tree from the default one (wagtail-localize).

Historical models send no signals: pages that exist already get their aliases from
``manage.py load_demo_content`` or wagtail-localize's ``manage.py sync_locale_trees``.
"""

from django.conf import settings
from django.db import migrations


def sync_from_default(apps, schema_editor):
    from wagtail.coreutils import get_supported_content_language_variant

    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    default = Locale.objects.filter(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    ).first()
    if default is None:
        return
    synced = LocaleSynchronization.objects.values("locale_id")
    for locale in Locale.objects.exclude(pk=default.pk).exclude(pk__in=synced):
        LocaleSynchronization.objects.create(locale=locale, sync_from=default)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_alter_standardpage_body"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(sync_from_default, migrations.RunPython.noop)]
