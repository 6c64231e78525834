"""API serializer fields for the cities app's data (Wagtail API v2)."""

from rest_framework import serializers


class ThemeListField(serializers.Field):
    """Themes of a page as [{"slug", "name"}], named in the page's language where translated."""

    def to_representation(self, manager):
        page = manager.instance
        themes = list(manager.all())
        translated = (
            {
                theme.translation_key: theme
                for theme in type(themes[0]).objects.filter(
                    translation_key__in=[theme.translation_key for theme in themes],
                    locale_id=page.locale_id,
                )
            }
            if themes
            else {}
        )
        return [
            {"slug": theme.slug, "name": translated.get(theme.translation_key, theme).name}
            for theme in themes
        ]
