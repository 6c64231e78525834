"""The International Day page and 16 May events move to the international_day app.

State only: the tables keep their names (``db_table``) and their rows; the
international_day app's first migration takes the models over.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('capitals', '0004_cityevent'),
        ('international_day', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name='internationaldaypage', name='page_ptr'),
                migrations.DeleteModel(name='CityEvent'),
                migrations.DeleteModel(name='InternationalDayPage'),
            ],
        ),
    ]
