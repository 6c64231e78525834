"""Factories of the International Day's pages."""

import wagtail_factories

from .models import InternationalDayPage


class InternationalDayPageFactory(wagtail_factories.PageFactory):
    title = "International Day of Living Together in Peace"
    slug = "international-day"
    introduction = "Every 16 May, cities celebrate living together in peace."

    class Meta:
        model = InternationalDayPage
