"""The roll-up: unit cases and properties (weighted mean, 0–100, cancelled ignored, any order)."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from digital_ngo.programmes.rollup import Item, as_percent, completion, rollup

STATUSES = ["not_started", "in_progress", "done", "partly_done", "cancelled"]

items = st.builds(
    Item,
    status=st.sampled_from(STATUSES),
    percent=st.integers(0, 100),
    weight=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000"), places=2),
)


def test_done_partly_and_open_tasks():
    tasks = [Item("done", None, 1), Item("partly_done", 50, 1), Item("in_progress", None, 2)]
    assert rollup(tasks) == Fraction(150, 4)


def test_cancelled_leaves_the_denominator():
    assert rollup([Item("done", None, 1), Item("cancelled", None, 5)]) == 100


def test_weights_count():
    assert rollup([Item("done", None, 3), Item("not_started", None, 1)]) == 75


def test_nothing_left_is_none():
    assert rollup([]) is None
    assert rollup([Item("cancelled", None, 1)]) is None
    assert as_percent(None) is None


def test_display_rounds_half_up():
    assert as_percent(Fraction(193, 2)) == 97  # 96.5
    assert as_percent(Fraction(9649, 100)) == 96


@given(st.lists(items, min_size=1, max_size=40))
def test_is_the_weighted_mean_of_completions(tasks):
    kept = [t for t in tasks if t.status != "cancelled"]
    value = rollup(tasks)
    if not kept:
        assert value is None
        return
    weights = sum(Fraction(t.weight) for t in kept)
    expected = sum(Fraction(t.weight) * completion(t.status, t.percent) for t in kept) / weights
    assert value == expected


@given(st.lists(items, max_size=40))
def test_stays_between_0_and_100(tasks):
    value = rollup(tasks)
    assert value is None or 0 <= value <= 100


@given(st.lists(items, max_size=30), st.lists(items, max_size=10))
def test_ignores_cancelled_tasks(tasks, more):
    cancelled = [Item("cancelled", t.percent, t.weight) for t in more]
    assert rollup(tasks + cancelled) == rollup(tasks)


@given(st.lists(items, max_size=30), st.randoms())
def test_does_not_depend_on_order(tasks, random):
    shuffled = list(tasks)
    random.shuffle(shuffled)
    assert rollup(shuffled) == rollup(tasks)
