"""URLs of the open-data pages and downloads."""

app_name = "opendata"

urlpatterns: list[object] = []
