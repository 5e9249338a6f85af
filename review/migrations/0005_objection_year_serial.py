"""Objections numbered GS + year + serial (issue 20 point 8); existing rows get their year and serial in
the order they were lodged and keep the number already given to the objector."""

from django.db import migrations, models


def fill(apps, schema_editor):
    Objection = apps.get_model("review", "Objection")
    serials: dict[int, int] = {}
    for objection in Objection.objects.order_by("lodged_on", "id"):
        year = objection.lodged_on.year
        serials[year] = serials.get(year, 0) + 1
        objection.year, objection.serial = year, serials[year]
        objection.save(update_fields=["year", "serial"])


class Migration(migrations.Migration):
    dependencies = [("review", "0004_round_filed_with_mofcom")]

    operations = [
        migrations.AddField("objection", "year", models.PositiveSmallIntegerField(null=True, verbose_name="编号年度")),
        migrations.AddField("objection", "serial", models.PositiveIntegerField(null=True, verbose_name="年度序号")),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField("objection", "year", models.PositiveSmallIntegerField(verbose_name="编号年度")),
        migrations.AlterField("objection", "serial", models.PositiveIntegerField(verbose_name="年度序号")),
        migrations.AddConstraint("objection", models.UniqueConstraint(
            fields=("year", "serial"), name="review_objection_year_serial_unique")),
    ]
