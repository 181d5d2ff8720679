"""The agency and the co-funders named in the domain facts, as reference data."""

from django.db import migrations

FUNDERS = [
    ("agency", "agency", "QHT-lərə Dövlət Dəstəyi Agentliyi", "Agency for State Support to NGOs"),
    ("ecology-ministry", "state_body", "Ekologiya və Təbii Sərvətlər Nazirliyi",
     "Ministry of Ecology and Natural Resources"),
    ("youth-foundation", "state_body", "Gənclər Fondu", "Youth Foundation"),
    ("bp", "private", "BP", "BP"),
]


def load(apps, schema_editor):
    funder = apps.get_model("funding", "Funder")
    for code, kind, name_az, name_en in FUNDERS:
        funder.objects.update_or_create(
            code=code, defaults={"kind": kind, "name_az": name_az, "name_en": name_en}
        )


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
