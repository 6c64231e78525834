"""Confirmed subscribers over time: the numbers, and an inline SVG chart drawn on the server.

For each week (or month) from the first confirmation to now:
``confirmed`` (new confirmations in the period, imports and member-city
accounts included), ``left`` (confirmed subscribers who unsubscribed, bounced
or complained in the period), ``total_confirmed`` (all confirmations so far) and
``subscribed`` (confirmed and still receiving at the end of the period). A person
who left and confirmed again counts once, from the latest confirmation.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Subscriber, SubscriberStatus

SUPPRESSED = [SubscriberStatus.UNSUBSCRIBED, SubscriberStatus.BOUNCED, SubscriberStatus.COMPLAINED]
WEEKLY_UP_TO_DAYS = 26 * 7


@dataclass
class Point:
    start: datetime.date
    confirmed: int
    left: int
    total_confirmed: int
    subscribed: int
    label: str = ""


@dataclass
class Growth:
    period: str
    points: list = field(default_factory=list)

    @property
    def subscribed(self):
        return self.points[-1].subscribed if self.points else 0

    @property
    def total_confirmed(self):
        return self.points[-1].total_confirmed if self.points else 0


def _start_of(day, period):
    if period == "week":
        return day - datetime.timedelta(days=day.weekday())
    return day.replace(day=1)


def _next(day, period):
    if period == "week":
        return day + datetime.timedelta(days=7)
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _counts(queryset, field_name, period):
    trunc = TruncWeek if period == "week" else TruncMonth
    rows = (
        queryset.annotate(bucket=trunc(field_name))
        .values("bucket")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {}
    for row in rows:
        bucket = row["bucket"]
        if bucket is None:
            continue
        day = bucket.date() if isinstance(bucket, datetime.datetime) else bucket
        counts[_start_of(day, period)] = counts.get(_start_of(day, period), 0) + row["n"]
    return counts


def subscriber_growth(period=None, now=None):
    """The :class:`Growth` of confirmed subscribers; ``period`` "week", "month" or None (auto)."""
    now = now or timezone.now()
    confirmed = Subscriber.objects.exclude(confirmed_at=None)
    first = confirmed.order_by("confirmed_at").values_list("confirmed_at", flat=True).first()
    if first is None:
        return Growth(period or "month")
    first_day = timezone.localtime(first).date() if timezone.is_aware(first) else first.date()
    today = timezone.localtime(now).date() if timezone.is_aware(now) else now.date()
    if period not in ("week", "month"):
        period = "week" if (today - first_day).days <= WEEKLY_UP_TO_DAYS else "month"
    joined = _counts(confirmed, "confirmed_at", period)
    left = _counts(
        confirmed.filter(status__in=SUPPRESSED).exclude(unsubscribed_at=None),
        "unsubscribed_at",
        period,
    )
    points = []
    total = subscribed = 0
    day = _start_of(first_day, period)
    end = _start_of(today, period)
    while day <= end:
        total += joined.get(day, 0)
        subscribed += joined.get(day, 0) - left.get(day, 0)
        label = (
            date_format(day, "YEAR_MONTH_FORMAT")
            if period == "month"
            else date_format(day, "SHORT_DATE_FORMAT")
        )
        points.append(Point(day, joined.get(day, 0), left.get(day, 0), total, subscribed, label))
        day = _next(day, period)
    return Growth(period, points)


def _join(fragments):
    """Safe HTML fragments (format_html's) as one."""
    return format_html_join("", "{}", ((fragment,) for fragment in fragments))


def _nice_max(value):
    """A top of the scale whose four steps are round whole numbers."""
    need = max(1, -(-int(value) // 4))
    magnitude = 1
    while True:
        for step in (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80):
            if step * magnitude >= need:
                return 4 * step * magnitude
        magnitude *= 10


def growth_svg(growth, width=720, height=260, chart_id="subscriber-growth"):
    """An accessible inline SVG: the area of subscribed, the line of all confirmations."""
    points = growth.points
    left_pad, right_pad, top_pad, bottom_pad = 56, 16, 16, 40
    plot_w = width - left_pad - right_pad
    plot_h = height - top_pad - bottom_pad
    top = _nice_max(max([p.total_confirmed for p in points] + [p.subscribed for p in points] + [1]))

    def x(index):
        if len(points) == 1:
            return left_pad + plot_w / 2
        return left_pad + plot_w * index / (len(points) - 1)

    def y(value):
        return top_pad + plot_h - plot_h * max(value, 0) / top

    title = _("Confirmed subscribers over time")
    if points:
        # Translators: %(subscribed)s is "120 subscribed now", %(confirmed)s is
        # "150 confirmations in all".
        description = _("From %(start)s to %(end)s: %(subscribed)s, %(confirmed)s.") % {
            "start": points[0].label,
            "end": points[-1].label,
            "subscribed": ngettext(
                "%(count)s subscribed now", "%(count)s subscribed now", growth.subscribed
            )
            % {"count": growth.subscribed},
            "confirmed": ngettext(
                "%(count)s confirmation in all",
                "%(count)s confirmations in all",
                growth.total_confirmed,
            )
            % {"count": growth.total_confirmed},
        }
    else:
        description = _("No confirmed subscriber yet.")
    grid = []
    for step in range(5):
        value = top * step / 4
        grid.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d9dee5" stroke-width="1"/>'
                '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#4d5866">{}</text>',
                left_pad, width - right_pad, f"{y(value):.1f}", f"{y(value):.1f}",
                left_pad - 8, f"{y(value) + 4:.1f}", int(value),
            )
        )  # fmt: skip
    labels = []
    if points:
        every = max(1, round(len(points) / 6))
        for index, point in enumerate(points):
            if index % every == 0 or index == len(points) - 1:
                last = index == len(points) - 1 and len(points) > 1
                labels.append(
                    format_html(
                        '<text x="{}" y="{}" text-anchor="{}" font-size="12" '
                        'fill="#4d5866">{}</text>',
                        f"{x(index):.1f}", height - bottom_pad + 20,
                        "end" if last else "middle", point.label,
                    )
                )  # fmt: skip
    shapes = ""
    if points:
        line = " ".join(f"{x(i):.1f},{y(p.total_confirmed):.1f}" for i, p in enumerate(points))
        area_top = " ".join(f"{x(i):.1f},{y(p.subscribed):.1f}" for i, p in enumerate(points))
        base = f"{x(len(points) - 1):.1f},{y(0):.1f} {x(0):.1f},{y(0):.1f}"
        dots = format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="3" fill="#0b5cad"><title>{}: {}</title></circle>',
            (
                (f"{x(i):.1f}", f"{y(p.subscribed):.1f}", p.label, p.subscribed)
                for i, p in enumerate(points)
            ),
        )
        shapes = format_html(
            '<polygon points="{} {}" fill="#0b5cad" fill-opacity="0.18"/>'
            '<polyline points="{}" fill="none" stroke="#0b5cad" stroke-width="2.5"/>'
            '<polyline points="{}" fill="none" stroke="#c2410c" stroke-width="2" '
            'stroke-dasharray="6 4"/>{}',
            area_top, base, area_top, line, dots,
        )  # fmt: skip
    return format_html(
        '<svg class="subscriber-chart" id="{id}" role="img" viewBox="0 0 {w} {h}" width="100%" '
        'preserveAspectRatio="xMidYMid meet" aria-labelledby="{id}-title {id}-desc" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title>'
        '<desc id="{id}-desc">{desc}</desc>{grid}{shapes}{labels}</svg>',
        id=chart_id, w=width, h=height, title=title, desc=description,
        grid=_join(grid), shapes=shapes, labels=_join(labels),
    )  # fmt: skip
