"""``digital-ngo backup`` and ``restore`` round-trip the records and the uploaded files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from digital_ngo.accounts.models import Role
from digital_ngo.core.backup import file_checksums, record_counts
from digital_ngo.press import services
from digital_ngo.press.models import PressItem
from digital_ngo.registry.models import NGO


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(make_ngo, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    staff = make_user(Role.MONITORING_OFFICER)
    for n in range(3):
        make_ngo(name_az=f"Bərpa Birliyi {n}")
        services.upload_item(
            user=staff,
            title=f"Xəbər {n}",
            upload=SimpleUploadedFile(f"x{n}.txt", f"Gənclər {n}".encode(), "text/plain"),
        )
    counts, sums = record_counts(), file_checksums(settings.MEDIA_ROOT)
    assert len(sums) == 3
    call_command("backup", str(tmp_path / "backup"))
    PressItem.objects.all().delete()
    NGO.objects.filter(name_az__startswith="Bərpa").delete()
    for path in (tmp_path / "uploads").rglob("*.txt"):
        path.write_text("damaged")
    assert record_counts() != counts
    call_command("restore", str(tmp_path / "backup"))
    assert record_counts() == counts
    assert file_checksums(settings.MEDIA_ROOT) == sums
