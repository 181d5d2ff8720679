"""Views of the public portal. Everyone may use them; no login."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from digital_ngo.portal.selectors import headline_figures


def home(request: HttpRequest) -> HttpResponse:
    """Everyone: the home page with headline figures and the search box."""
    return render(request, "portal/home.html", {"figures": headline_figures()})
