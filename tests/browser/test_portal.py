"""The public portal in a real Chromium: headline figures, four charts that really draw
their bars, a table alternative per chart, keyboard access, and a project page.

The grant is made the way ``tests/core/test_portal.py`` makes it (a complete application,
funded with 12 000 ₼, its agreement concluded), and its application reaches one economic
region so that the region chart has a bar too. Screenshots of both pages go to
``test-results/``; the first chart's pixels are checked for the bar colour, so a chart that
renders empty (or whose bars lose their fill) fails.
"""

import io
import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from digital_ngo.applications import services as application_services
from digital_ngo.applications.models import Application
from digital_ngo.grants.models import Grant
from digital_ngo.registry.models import EconomicRegion
from tests.browser.conftest import RESULTS_DIR
from tests.fixtures.grants import conclude

# The live server needs committed data, hence transactions (see test_registration_flow.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NBSP = "\u00a0"
AWARDED = f"12{NBSP}000{NBSP}₼"
TOPIC_A = "Ətraf mühit və sağlamlıq"
INDICATOR = "Təlim keçmiş gənclər"
SHOW_TABLE = "Cədvəl kimi göstərin"
CHART_TITLES = [  # as translated in src/digital_ngo/locale/az/LC_MESSAGES/django.po
    "İllər üzrə ayrılmış vəsait (AZN)",
    "Maliyyələşmə formaları üzrə ayrılmış vəsait (AZN)",
    "Mövzular üzrə ayrılmış vəsait (AZN)",
    "İqtisadi rayonlar üzrə maliyyələşdirilən layihələr",
]


@pytest.fixture
def grant(complete: Application, ngo_admin: Any, manager: Any) -> Grant:
    application_services.submit(user=ngo_admin, application=complete)
    complete.regions.add(EconomicRegion.objects.order_by("code").first())
    Application.objects.filter(pk=complete.pk).update(
        status="funded", awarded_amount=Decimal("12000")
    )
    return conclude(manager, Application.objects.get(pk=complete.pk), date(2026, 3, 2))


def rgb(css: str) -> tuple[int, int, int]:
    """``rgb(1, 114, 173)`` (what getComputedStyle gives) as a tuple."""
    numbers = [int(float(n)) for n in re.findall(r"[\d.]+", css)[:3]]
    assert len(numbers) == 3, css
    return numbers[0], numbers[1], numbers[2]


def rgb_pixels(png: bytes) -> list[tuple[int, int, int]]:
    """The screenshot's pixels as (r, g, b), whatever the Pillow version."""
    data = Image.open(io.BytesIO(png)).convert("RGB").tobytes()
    return [(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 3)]


def pixels_like(png: bytes, colour: tuple[int, int, int], tolerance: int = 40) -> int:
    """How many pixels of the screenshot are within ``tolerance`` of ``colour`` per channel."""
    return sum(
        1
        for pixel in rgb_pixels(png)
        if all(
            abs(channel - want) <= tolerance for channel, want in zip(pixel, colour, strict=True)
        )
    )


def tab_until(page: Page, target: Locator, limit: int = 40) -> list[str]:
    """Press Tab until ``target`` has the focus; return what got the focus on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return seen
        seen.append(
            page.evaluate(
                "() => { const e = document.activeElement;"
                " return e.tagName + ' ' + (e.id || e.textContent.trim().slice(0, 30)); }"
            )
        )
    raise AssertionError(f"Tab never reached {target}; focus went through {seen}")


def chart_rows(chart: Locator) -> list[tuple[str, str]]:
    """(label, value) per bar, as drawn in the chart's SVG."""
    labels = chart.locator("svg .chart-label").all_text_contents()
    values = chart.locator("svg .chart-value").all_text_contents()
    assert len(labels) == len(values)
    return list(zip(labels, values, strict=True))


def test_home_shows_figures_and_charts_that_draw_and_read_as_tables(
    page: Page, grant: Grant
) -> None:
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Rəqəmsal QHT")

    # Headline figures: the awarded amount, formatted the Azerbaijani way.
    figures = page.locator(".figures")
    awarded = figures.locator("article").filter(has_text="ayrılıb").locator("strong")
    expect(awarded).to_have_text(AWARDED)  # (Playwright's match treats NBSP as a space…)
    assert awarded.text_content() == AWARDED  # …so check the non-breaking spaces exactly
    expect(figures.locator("a[href='/projects/']")).to_have_text("1")

    # Four charts, each an SVG image named by its <title>.
    charts = page.locator("figure.chart")
    expect(charts).to_have_count(4)
    svgs = page.locator("figure.chart svg[role='img']")
    expect(svgs).to_have_count(4)
    for index, expected_title in enumerate(CHART_TITLES):
        svg = svgs.nth(index)
        title = svg.locator("title")
        assert title.get_attribute("id") == svg.get_attribute("aria-labelledby")
        assert title.text_content() == expected_title
        expect(page.get_by_role("img", name=expected_title)).to_have_count(1)
        assert svg.locator("rect.chart-bar").count() == 1, f"chart {index} draws no bar"

    # Each chart's table alternative opens and holds the same rows as the bars.
    for index in range(4):
        chart = charts.nth(index)
        details = chart.locator("details")
        summary = details.locator("summary")
        expect(summary).to_have_text(SHOW_TABLE)
        table = details.locator("table")
        expect(table).to_be_hidden()
        summary.click()
        expect(table).to_be_visible()
        assert details.evaluate("element => element.open")
        table_rows = [
            (row.locator("td").nth(0).inner_text(), row.locator("td").nth(1).inner_text())
            for row in table.locator("tbody tr").all()
        ]
        drawn = chart_rows(chart)
        assert len(table_rows) == len(drawn) == 1, (drawn, table_rows)
        for (bar_label, bar_value), (cell_label, cell_value) in zip(drawn, table_rows, strict=True):
            # SVG labels are cut at 34 characters ("…"), the table has them in full.
            assert cell_label == bar_label or (
                bar_label.endswith("…") and cell_label.startswith(bar_label[:-1])
            ), (bar_label, cell_label)
            assert cell_value == bar_value, (bar_value, cell_value)
    topic_chart = charts.nth(2)
    assert chart_rows(topic_chart) == [(TOPIC_A, AWARDED)]
    assert chart_rows(charts.nth(0)) == [("2026", AWARDED)]
    assert chart_rows(charts.nth(3))[0][1] == "1"

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS_DIR / "portal-home.png"), full_page=True)

    # The first chart really draws its bar: count pixels of the bar's computed fill colour.
    first_svg = svgs.first
    bar = first_svg.locator("rect.chart-bar")
    fill = rgb(bar.evaluate("element => getComputedStyle(element).fill"))
    box = bar.bounding_box()
    assert box is not None and box["width"] > 50 and box["height"] > 5, box
    png = first_svg.screenshot(path=str(RESULTS_DIR / "portal-home-chart-year.png"))
    coloured = pixels_like(png, fill)
    # Anti-aliased edges aside, most of the bar's on-screen area has its colour.
    assert coloured > box["width"] * box["height"] * 0.5, (fill, coloured, box)
    clearly_blue = sum(1 for r, _, b in rgb_pixels(png) if b > 150 and r < 100)
    assert clearly_blue > 1000, (fill, clearly_blue)


def test_keyboard_reaches_search_and_the_first_chart_table(page: Page, grant: Grant) -> None:
    page.goto("/")
    search = page.locator("#home-q")
    tab_until(page, search)
    expect(search).to_be_focused()
    page.keyboard.type("vetendas")
    summary = page.locator("figure.chart").first.locator("details summary")
    passed = tab_until(page, summary)
    assert any(step.startswith("BUTTON") for step in passed), passed  # the search button
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("figure.chart").first.locator("table")).to_be_visible()
    expect(search).to_have_value("vetendas")


def test_project_page_shows_indicators_and_tranches(page: Page, grant: Grant) -> None:
    page.goto(reverse("portal:project", args=[grant.number]))
    expect(page.locator("h1")).to_have_text(grant.application.title)
    record = page.locator("dl.record")
    assert AWARDED in record.inner_text()

    indicators = page.locator("table").last
    row = indicators.locator("tbody tr").filter(has_text=INDICATOR)
    expect(row).to_have_count(1)
    cells = row.locator("td")
    expect(cells.nth(0)).to_have_text(f"{INDICATOR} (nəfər)")
    expect(cells.nth(1)).to_have_text("0")
    expect(cells.nth(2)).to_have_text("200")
    expect(cells.nth(3)).to_have_text("—")  # nothing reported yet

    tranches = list(grant.tranches.order_by("number"))
    assert tranches, "the agreement made no tranches"
    expect(page.get_by_role("heading", name="Ödəniş hissələri")).to_be_visible()
    items = page.locator("h2 + ul li")
    expect(items).to_have_count(len(tranches))
    for item, tranche in zip(items.all(), tranches, strict=True):
        assert item.inner_text().startswith(f"{tranche.number}: ")
    amounts = [t.amount for t in tranches]
    assert sum(amounts) == Decimal("12000")

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS_DIR / "portal-project.png"), full_page=True)
