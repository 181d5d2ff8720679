"""Who may open each press view: agency staff manage, everyone reads what is published."""

import pytest
from django.urls import reverse

from digital_ngo.accounts.models import Role
from digital_ngo.press import services
from digital_ngo.press.models import PressItem

pytestmark = pytest.mark.django_db

STAFF = {"agency_admin", "programme_manager", "monitoring_officer", "finance_officer"}
EVERYONE = sorted({role.value for role in Role} | {"anonymous"})


@pytest.fixture
def item(staff, text_file):
    item = services.upload_item(
        user=staff, title="Xəbər", upload=text_file("Azerbaycan vetendas cemiyyeti")
    )
    services.process_item(item.pk)
    item.refresh_from_db()
    return item


def as_role(client, users, role):
    if users[role] is not None:
        client.force_login(users[role])
    return client


STAFF_GETS = [
    "press:staff_list",
    "press:upload",
    "press:review",
    "press:progress",
    "press:original_file",
]
STAFF_POSTS = ["press:publish", "press:cancel", "press:read_again", "press:reset_text"]


@pytest.mark.parametrize("role", EVERYONE)
@pytest.mark.parametrize("name", STAFF_GETS)
def test_staff_pages(client, users, item, role, name):
    args = [] if name in {"press:staff_list", "press:upload"} else [item.pk]
    response = as_role(client, users, role).get(reverse(name, args=args))
    expected = 200 if role in STAFF else 302 if role == "anonymous" else 403
    assert response.status_code == expected


@pytest.mark.parametrize("role", EVERYONE)
@pytest.mark.parametrize("name", STAFF_POSTS)
def test_staff_actions(client, users, item, role, name):
    response = as_role(client, users, role).post(reverse(name, args=[item.pk]))
    if role in STAFF:
        assert response.status_code == 302 and response.url == reverse(
            "press:review", args=[item.pk]
        )
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        item.refresh_from_db()
        assert item.status == PressItem.Status.REVIEW


@pytest.mark.parametrize("role", EVERYONE)
def test_deciding_on_a_change_is_for_staff_only(client, users, item, role):
    before = item.final_text
    as_role(client, users, role).post(reverse("press:decide", args=[item.pk, 0]), {"accepted": "0"})
    item.refresh_from_db()
    assert (item.final_text != before) == (role in STAFF)


@pytest.mark.parametrize("role", EVERYONE)
def test_published_items_are_public_and_others_are_404(client, users, staff, item, role):
    client = as_role(client, users, role)
    assert client.get(reverse("press:detail", args=[item.pk])).status_code == 404
    services.publish(user=staff, item=item)
    assert client.get(reverse("press:detail", args=[item.pk])).status_code == 200
    assert client.get(reverse("press:archive")).status_code == 200
