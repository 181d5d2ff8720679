"""Public pages of coalitions and platforms (editing is in the back office)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from digital_ngo.coalitions import selectors
from digital_ngo.coalitions.models import Coalition
from digital_ngo.core.countries import country_name


def coalition_list(request: HttpRequest) -> HttpResponse:
    """Everyone: coalitions, networks and platforms with their number of members."""
    return render(request, "coalitions/list.html", {"coalitions": selectors.public_coalitions()})


def coalition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Everyone: a platform, its bodies, assemblies, documents and members by country."""
    coalition = get_object_or_404(Coalition, slug=slug)
    by_country = selectors.members_by_country(coalition)
    top = by_country[0][1] if by_country else 1
    chart = {
        "key": "members",
        "title": _("Members by country"),
        "column": _("Country"),
        "bars": [
            {"label": country_name(code), "value": n, "share": n / top}
            for code, n in by_country[:20]
        ],
        "height": 40 * min(len(by_country), 20) + 10,
    }
    members = selectors.current_members(coalition)
    context = {
        "coalition": coalition,
        "members": members,
        "member_count": members.count(),
        "countries": [(country_name(code), n) for code, n in by_country],
        "chart": chart,
        "assemblies": coalition.assemblies.all(),
        "documents": coalition.documents.all(),
        "statements": coalition.statements.exclude(status="draft").filter(
            signing_opens__isnull=False
        ),
    }
    return render(request, "coalitions/detail.html", context)
