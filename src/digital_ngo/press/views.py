"""Views of the press archive. Each docstring says who may use the view."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digital_ngo.core.cache import cached_page
from digital_ngo.core.exports import requested_format, table_response
from digital_ngo.core.forms import apply_validation_error
from digital_ngo.core.http import AuthenticatedRequest
from digital_ngo.core.permissions import require_object_permission
from digital_ngo.press import selectors, services
from digital_ngo.press.forms import SearchForm, TextForm, UploadForm
from digital_ngo.press.models import PressItem

PAGE_SIZE = 20


def _search_form(request: HttpRequest) -> tuple[SearchForm, str, str]:
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, data.get("q", ""), data.get("status", "")


@cached_page("press")
def archive(request: HttpRequest) -> HttpResponse:
    """Everyone: published clippings and documents, searchable without diacritics."""
    form, query, _status = _search_form(request)
    page = Paginator(selectors.published_items(query), PAGE_SIZE).get_page(request.GET.get("page"))
    results = [(item, selectors.snippet(item.final_text, query)) for item in page]
    context = {"form": form, "page": page, "results": results, "query": request.GET.copy()}
    return render(request, "press/archive.html", context)


@cached_page("press", "registry")
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone: a published item with the NGOs it names and the facts found in it."""
    item = get_object_or_404(PressItem, pk=pk, status=PressItem.Status.PUBLISHED)
    return render(request, "press/detail.html", _detail_context(item))


def _detail_context(item: PressItem) -> dict[str, object]:
    return {
        "item": item,
        "mentions": item.mentions.select_related("ngo"),
        "facts": item.facts.all(),
    }


@login_required
def staff_list(request: AuthenticatedRequest) -> HttpResponse:
    """Agency staff: every item in any state, with progress and search."""
    require_object_permission(request.user, "press.manage", None)
    form, query, status = _search_form(request)
    if kind := requested_format(request):
        headers = [_("Title"), _("Outlet"), _("Date"), _("Status"), _("NGOs named")]
        rows = (
            [
                i.title,
                i.outlet or "",
                i.published_on or "",
                i.get_status_display(),
                i.mentions.count(),
            ]
            for i in selectors.staff_items(query, status)
        )
        return table_response(kind, "metbuat-arxivi", headers, rows)
    page = Paginator(selectors.staff_items(query, status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "press/staff_list.html", {"form": form, "page": page, "query": request.GET.copy()}
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: AuthenticatedRequest) -> HttpResponse:
    """Agency staff: upload a clipping or document for OCR and restoration."""
    require_object_permission(request.user, "press.manage", None)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.upload_item(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The file was uploaded and is queued for reading."))
            return redirect("press:review", pk=item.pk)
    return render(request, "press/upload.html", {"form": form})


@login_required
def review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency staff: original and restored text side by side; decide on each change."""
    item = get_object_or_404(PressItem, pk=pk)
    require_object_permission(request.user, "press.manage", item)
    return render(request, "press/review.html", _review_context(item))


def _review_context(item: PressItem, text_form: TextForm | None = None) -> dict[str, object]:
    original, reviewed = selectors.review_segments(item)
    return {
        **_detail_context(item),
        "original": original,
        "reviewed": reviewed,
        "text_form": text_form or TextForm(initial={"text": item.final_text}),
    }


@login_required
def progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency staff: the reading progress of an item (polled by the review page)."""
    item = get_object_or_404(PressItem, pk=pk)
    require_object_permission(request.user, "press.manage", item)
    response = render(request, "press/_progress.html", {"item": item})
    if not item.is_running and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"  # reading ended: reload the whole review page
    return response


@login_required
@require_POST
def decide(request: AuthenticatedRequest, pk: int, index: int) -> HttpResponse:
    """Agency staff: accept or reject one proposed change."""
    item = get_object_or_404(PressItem, pk=pk)
    require_object_permission(request.user, "press.manage", item)
    try:
        item = services.decide_edit(
            user=request.user, item=item, index=index, accepted=request.POST.get("accepted") == "1"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.headers.get("HX-Request"):
        # the panels are swapped; the hand-edit text is refreshed out of band, so an
        # open hand-edit box stays open
        text_form = TextForm(initial={"text": item.final_text})
        text_form.fields["text"].widget.attrs["hx-swap-oob"] = "true"
        context = _review_context(item, text_form) | {"show_messages": True, "refresh_text": True}
        return render(request, "press/_review_panels.html", context)
    return redirect("press:review", pk=pk)


@login_required
@require_POST
def save_text(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency staff: save a hand-edited reviewed text."""
    item = get_object_or_404(PressItem, pk=pk)
    require_object_permission(request.user, "press.manage", item)
    form = TextForm(request.POST)
    if form.is_valid():
        try:
            services.edit_text(user=request.user, item=item, text=form.cleaned_data["text"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The text was saved."))
            return redirect("press:review", pk=pk)
    return render(request, "press/review.html", _review_context(item, form), status=400)


def _action(request: AuthenticatedRequest, pk: int, action: object, done: str) -> HttpResponse:
    item = get_object_or_404(PressItem, pk=pk)
    require_object_permission(request.user, "press.manage", item)
    try:
        action(user=request.user, item=item)  # type: ignore[operator]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("press:review", pk=pk)


@login_required
@require_POST
def reset_text(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency staff: drop hand edits and return to the proposed changes."""
    return _action(
        request, pk, services.reset_text, _("The text was reset to the proposed changes.")
    )


@login_required
@require_POST
def publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency staff: publish a reviewed item in the public archive."""
    return _action(request, pk, services.publish, _("The item is published."))


@login_required
@require_POST
def cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency staff: stop reading an item."""
    return _action(request, pk, services.cancel, _("Reading was cancelled."))


@login_required
@require_POST
def read_again(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency staff: queue a failed or cancelled item for reading again."""
    return _action(request, pk, services.read_again, _("The item is queued for reading again."))


@login_required
def original_file(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """Agency staff: download the uploaded file as it was."""
    item = get_object_or_404(PressItem, pk=pk)
    require_object_permission(request.user, "press.manage", item)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)
