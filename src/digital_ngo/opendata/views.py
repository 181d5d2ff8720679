"""Views of the open data. Each docstring says who may use the view."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from digital_ngo.core.cache import ALL_PUBLIC, cached_page
from digital_ngo.core.http import AuthenticatedRequest
from digital_ngo.core.permissions import require_object_permission
from digital_ngo.opendata import iati, identifiers, selectors, threesixty
from digital_ngo.opendata.selectors import FILES
from digital_ngo.opendata.tasks import regenerate_open_data

CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xml": "application/xml",
    "zip": "application/zip",
}


@cached_page(*ALL_PUBLIC)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Everyone: what the open data holds, its licence, identifiers, schemas and downloads."""
    context = {
        "generated": selectors.generated(),
        "files": FILES,
        "publisher_prefix": identifiers.PUBLISHER_PREFIX,
        "agency_id": identifiers.agency_org_id(),
        "voen_list": identifiers.VOEN_LIST,
        "dac_sector": identifiers.DAC_SECTOR,
        "threesixty_version": threesixty.VERSION,
        "iati_version": iati.VERSION,
        "licence_url": threesixty.LICENSE,
        "can_regenerate": request.user.has_perm("accounts.view_staff_area"),
    }
    return render(request, "opendata/index.html", context)


def _not_generated(request: HttpRequest) -> HttpResponse:
    return render(request, "opendata/not_generated.html", status=404)


def _download(request: HttpRequest, key: str) -> HttpResponseBase:
    path = selectors.output_dir() / FILES[key]
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return _not_generated(request)
    response = FileResponse(handle, content_type=CONTENT_TYPES[key])
    if key in ("xlsx", "zip"):
        response["Content-Disposition"] = f'attachment; filename="{FILES[key]}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def download_json(request: HttpRequest) -> HttpResponseBase:
    """Everyone: the 360Giving JSON package."""
    return _download(request, "json")


@require_GET
def download_csv(request: HttpRequest) -> HttpResponseBase:
    """Everyone: the 360Giving data as CSV."""
    return _download(request, "csv")


@require_GET
def download_xlsx(request: HttpRequest) -> HttpResponseBase:
    """Everyone: the 360Giving data as an Excel workbook."""
    return _download(request, "xlsx")


@require_GET
def download_xml(request: HttpRequest) -> HttpResponseBase:
    """Everyone: the IATI 2.03 activities file."""
    return _download(request, "xml")


@require_GET
def download_zip(request: HttpRequest) -> HttpResponseBase:
    """Everyone: every file in one ZIP archive."""
    return _download(request, "zip")


@cached_page(*ALL_PUBLIC)
@require_GET
def grant_json(request: HttpRequest, number: str) -> HttpResponse:
    """Everyone: one grant's current 360Giving object, by agreement number (404 if unknown)."""
    grant = selectors.export_grant(number)
    if grant is None:
        raise Http404(_("There is no grant with this number."))
    response = JsonResponse(
        threesixty.grant_object(grant), json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_required
@require_POST
def regenerate(request: AuthenticatedRequest) -> HttpResponse:
    """Agency staff: queue a regeneration of every file (others get 403)."""
    require_object_permission(request.user, "accounts.view_staff_area", None)
    regenerate_open_data.enqueue()
    messages.success(request, _("The open data will be regenerated in the background."))
    return redirect("opendata:index")
