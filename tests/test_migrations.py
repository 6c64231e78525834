"""Models that moved between apps keep their tables, rows and content types.

The International Day page and 16 May events moved from ``capitals`` to
``international_day`` with state-only migrations: going back to the previous
schema and forward again must keep every row and the content types' ids (pages,
revisions, translations and permissions point at them).
"""

import datetime
import uuid

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

BEFORE = [("capitals", "0004_cityevent"), ("international_day", None)]


def migrate(targets):
    """Migrate to ``targets``; the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor._create_project_state(with_applied_migrations=True).apps


@pytest.mark.django_db(transaction=True)
def test_the_day_moves_with_its_rows_and_content_types():
    old = migrate(BEFORE)
    content_type = old.get_model("contenttypes", "ContentType")
    event_type = content_type.objects.get(model="cityevent")
    day_type = content_type.objects.get(model="internationaldaypage")
    assert (event_type.app_label, day_type.app_label) == ("capitals", "capitals")
    key = uuid.uuid4()
    old.get_model("capitals", "CityEvent").objects.create(
        city_key=key,
        title="Fête du vivre-ensemble",
        starts_at=datetime.datetime(2027, 5, 16, 10, tzinfo=datetime.UTC),
        place="Place des Arts",
        latitude=45.5,
        longitude=-73.6,
        description="Un repas partagé.",
    )

    executor = MigrationExecutor(connection)
    new = migrate(executor.loader.graph.leaf_nodes())

    moved = new.get_model("international_day", "CityEvent").objects.get(city_key=key)
    assert moved.title == "Fête du vivre-ensemble"
    content_type = new.get_model("contenttypes", "ContentType")
    assert content_type.objects.get(pk=event_type.pk).app_label == "international_day"
    assert content_type.objects.get(pk=day_type.pk).app_label == "international_day"
    assert not content_type.objects.filter(app_label="capitals", model="cityevent").exists()
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert {"capitals_cityevent", "capitals_internationaldaypage"} <= set(tables)
