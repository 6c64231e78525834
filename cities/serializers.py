"""API serializer fields for the cities app's data (Wagtail API v2)."""

from rest_framework import serializers

from core.i18n import localized_by_key


class ThemeListField(serializers.Field):
    """Themes of a page as [{"slug", "name"}], named in the page's language where translated."""

    def to_representation(self, manager):
        themes = list(manager.all())
        translated = localized_by_key(themes, manager.instance.locale)
        return [
            {"slug": theme.slug, "name": translated[theme.translation_key].name} for theme in themes
        ]
