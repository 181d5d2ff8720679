"""Views of the public portal. Everyone may use them; no login."""

from django import forms
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digital_ngo.core.cache import ALL_PUBLIC, cached_page
from digital_ngo.funding.models import Call, Instrument
from digital_ngo.grants import selectors as grant_selectors
from digital_ngo.grants.models import Grant, IndicatorValue, Report
from digital_ngo.portal import selectors
from digital_ngo.programmes import selectors as programme_selectors
from digital_ngo.registry.models import EconomicRegion


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)
    call = forms.ModelChoiceField(
        label=gettext_lazy("Call"), required=False, queryset=Call.objects.filter(is_published=True)
    )
    region = forms.ModelChoiceField(
        label=gettext_lazy("Economic region"), required=False, queryset=EconomicRegion.objects.all()
    )


@cached_page(*ALL_PUBLIC)
def project(request: HttpRequest, number: str) -> HttpResponse:
    """Everyone: one funded project — summary, NGO, amount, tranches paid, target vs actual."""
    grant = get_object_or_404(
        Grant.objects.select_related("application__ngo", "application__call"), number=number
    )
    context = {
        "grant": grant,
        "indicators": grant_selectors.indicator_progress(grant, approved_only=True),
        "periods": grant_selectors.indicator_periods(grant, public=True),
        "tranches": grant.tranches.all(),
        "reports": grant.reports.filter(status="approved"),
    }
    return render(request, "portal/project.html", context)


@cached_page(*ALL_PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    """Everyone: headline figures and charts by year, topic, instrument and region."""
    instruments = {key: str(label) for key, label in Instrument.choices}
    charts = [
        ("year", _("AZN awarded by year"), _("Year"), True, selectors.awarded_by("call__year")),
        (
            "instrument",
            _("AZN awarded by instrument"),
            _("Instrument"),
            True,
            selectors.awarded_by("instrument", instruments),
        ),
        (
            "topic",
            _("AZN awarded by topic"),
            _("Topic"),
            True,
            selectors.awarded_by("topic__name_az"),
        ),
        (
            "region",
            _("Funded projects by economic region"),
            _("Economic region"),
            False,
            selectors.projects_by_region(),
        ),
    ]
    context = {
        "programme_summary": programme_selectors.summary(),
        "figures": selectors.headline_figures(),
        "charts": [
            {
                "key": key,
                "title": title,
                "column": column,
                "money": money,
                "bars": bars,
                "height": 40 * len(bars) + 8,
            }
            for key, title, column, money, bars in charts
        ],
    }
    return render(request, "portal/home.html", context)


@cached_page(*ALL_PUBLIC)
def projects(request: HttpRequest) -> HttpResponse:
    """Everyone: funded projects with filters (call, region), search, stable URLs and pages."""
    form = ProjectFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    grants = selectors.public_projects(
        call=data["call"].pk if data.get("call") else None,
        region=data["region"].code if data.get("region") else "",
        query=data.get("q", ""),
    )
    page = Paginator(grants, 25).get_page(request.GET.get("page"))
    return render(
        request, "portal/projects.html", {"page": page, "form": form, "query": request.GET.copy()}
    )


def public_evidence(request: HttpRequest, number: str, pk: int) -> FileResponse:
    """Everyone: an evidence file the NGO made public, of an approved report; others 404."""
    value = get_object_or_404(
        IndicatorValue,
        pk=pk,
        report__grant__number=number,
        report__status=Report.Status.APPROVED,
        evidence_public=True,
    )
    if not value.evidence:
        raise Http404
    name = (value.evidence.name or "evidence").rsplit("/", 1)[-1]
    return FileResponse(value.evidence.open("rb"), filename=name, as_attachment=True)
