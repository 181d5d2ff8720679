"""``collation_key``: a database-sortable string that orders like ``sort_key``."""

from hypothesis import given
from hypothesis import strategies as st

from aztext import collation_key, sort_key
from aztext.collation import ALPHABET

AZ_WORDS = st.text(alphabet=ALPHABET + ALPHABET.upper() + "İ 0123456789-", max_size=30)


@given(st.lists(AZ_WORDS, max_size=20))
def test_collation_key_orders_like_sort_key(words):
    by_key = sorted(words, key=lambda word: (collation_key(word), word))
    by_sort_key = sorted(words, key=sort_key)
    assert [sort_key(w)[0] for w in by_key] == [sort_key(w)[0] for w in by_sort_key]


@given(AZ_WORDS)
def test_collation_key_is_lower_case_ascii(word):
    key = collation_key(word)
    assert key.isascii() and key == key.lower() and len(key) == 2 * len(word)


def test_dotted_and_dotless_i_sort_apart():
    words = ["İnam", "Işıq", "ilk", "ıslaq"]
    assert sorted(words, key=collation_key) == ["ıslaq", "Işıq", "ilk", "İnam"]
