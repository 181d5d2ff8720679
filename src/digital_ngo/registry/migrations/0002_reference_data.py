"""Load Azerbaijan's economic regions and districts and the default fields of activity."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    region_model = apps.get_model("registry", "EconomicRegion")
    district_model = apps.get_model("registry", "District")
    field_model = apps.get_model("registry", "FieldOfActivity")
    regions = json.loads((DATA / "regions.json").read_text(encoding="utf-8"))["regions"]
    for item in regions:
        region, _ = region_model.objects.update_or_create(
            code=item["code"], defaults={"name_az": item["name_az"], "name_en": item["name_en"]}
        )
        for district in item["districts"]:
            district_model.objects.update_or_create(
                code=district["code"],
                defaults={
                    "name_az": district["name_az"],
                    "name_en": district["name_en"],
                    "kind": district["kind"],
                    "region": region,
                },
            )
    for item in json.loads((DATA / "fields_of_activity.json").read_text(encoding="utf-8")):
        field_model.objects.update_or_create(slug=item.pop("slug"), defaults=item)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
