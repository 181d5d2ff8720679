"""Numbers are finite and bounded, months sane and rows few, in forms and the API alike."""

import pytest

from digital_ngo.applications.forms import MilestonesField
from digital_ngo.grants.forms import ExpenseForm
from tests.api.test_api import api, error_of, grant  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed", ["3: NaN", "3: Infinity", "3: -Infinity", "3: 1e999999", "0: 5", "-5: 5", "121: 1"]
)
def test_milestones_refuse_non_finite_values_and_impossible_months(typed):
    with pytest.raises(Exception) as error:
        MilestonesField().clean(typed)
    assert type(error.value).__name__ == "ValidationError"


def test_sane_milestones_are_kept():
    assert MilestonesField().clean("3: 40, 6: 100") == [
        {"month": 3, "value": "40.00"},
        {"month": 6, "value": "100.00"},
    ]


@pytest.mark.parametrize("amount", ["9999999999.99", "10000000.01", "NaN", "Infinity"])
def test_the_expense_form_bounds_amounts(amount):
    form = ExpenseForm(data={"amount": amount})
    form.is_valid()
    assert "amount" in form.errors


def _body(funded, amount="5000", rows=1):
    indicator = funded.application.indicators.get()
    line = funded.application.budget_lines.first()
    expense = {"budget_line": line.pk, "spent_on": "2026-04-01", "amount": amount}
    expense["description"] = "Zal"
    return {
        "narrative": "Təlimlər keçirilib.",
        "values": [{"indicator": indicator.pk, "value": "180"}],
        "expenses": [expense] * rows,
    }


@pytest.mark.parametrize(("amount", "rows"), [("9999999999.99", 1), ("10", 3000)])
def test_the_api_refuses_huge_expenses_and_too_many_rows(api, ngo_admin, grant, amount, rows):  # noqa: F811
    api.force_authenticate(ngo_admin)
    report = grant.reports.get()
    response = api.post(
        f"/api/reports/{report.pk}/submit/", _body(grant, amount, rows), format="json"
    )
    assert error_of(response)["status"] == 400
    report.refresh_from_db()
    assert report.status != "submitted"
