"""Template tags of the city page: the badges a member city can embed on its website."""

from django import template

from cities.badges import city_badges as find_city_badges

register = template.Library()


@register.simple_tag(takes_context=True)
def city_badges(context, city):
    return find_city_badges(city, context.get("request"))
