"""Issue 21: the event log (signed tree heads, stored blocks, signing keys), append-only and guarded
against TRUNCATE with the other history tables of this app; a check code per licence."""

from django.db import migrations, models

import traceability.models
from portal.db import append_only
from portal.db_roles import truncate_guard


def give_each_licence_its_own_code(apps, schema_editor):
    """AddField computed one default for every existing row: each licence gets a code of its own."""
    Licence = apps.get_model("traceability", "Licence")
    for licence in Licence.objects.using(schema_editor.connection.alias).only("pk"):
        Licence.objects.using(schema_editor.connection.alias).filter(pk=licence.pk).update(
            check_code=traceability.models.new_check_code())


class Migration(migrations.Migration):

    dependencies = [
        ('traceability', '0005_list_filter_indexes'),
        ('portal', '0007_history_truncate_guard'),
    ]

    operations = [
        migrations.CreateModel(
            name='LogBlock',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('index', models.PositiveBigIntegerField(unique=True)),
                ('first_event_id', models.BigIntegerField()),
                ('last_event_id', models.BigIntegerField(unique=True)),
                ('hash', models.CharField(max_length=64)),
            ],
            options={
                'ordering': ['index'],
            },
        ),
        migrations.CreateModel(
            name='SigningKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key_id', models.CharField(max_length=32, unique=True)),
                ('public_key', models.CharField(max_length=64)),
                ('valid_from', models.DateTimeField()),
            ],
            options={
                'ordering': ['valid_from', 'id'],
            },
        ),
        migrations.CreateModel(
            name='TreeHead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('tree_size', models.PositiveBigIntegerField(db_index=True)),
                ('root_hash', models.CharField(max_length=64)),
                ('last_event_id', models.BigIntegerField(default=0)),
                ('published_at', models.DateTimeField()),
                ('statement', models.TextField()),
                ('key_id', models.CharField(max_length=32)),
                ('signature', models.CharField(max_length=100)),
            ],
            options={
                'ordering': ['-published_at', '-id'],
            },
        ),
        migrations.AddField(
            model_name='licence',
            name='check_code',
            field=models.CharField(default=traceability.models.new_check_code, editable=False, max_length=8, verbose_name='查验码'),
        ),
        migrations.RunPython(give_each_licence_its_own_code, migrations.RunPython.noop),
        append_only("traceability_treehead"),
        append_only("traceability_logblock"),
        append_only("traceability_signingkey"),
        truncate_guard("traceability_traceevent", "traceability_licenceversion", "traceability_treehead",
                       "traceability_logblock", "traceability_signingkey"),
    ]
