"""Casing, folding and collation: properties and fixed examples."""

from hypothesis import given
from hypothesis import strategies as st

from aztext import capitalize, fold, lower, sort_key, title, upper

AZ_LOWER = "abcçdeəfgğhxıijkqlmnoöprsştuüvyz"
AZ_UPPER = "ABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ"
az_words = st.text(alphabet=AZ_LOWER, min_size=1, max_size=20)


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(az_words)
def test_fold_ignores_case_and_marks(word: str) -> None:
    assert fold(upper(word)) == fold(word)
    assert fold(word).isascii()


def test_fold_examples() -> None:
    assert fold("AZƏRBAYCAN") == fold("Azerbaycan") == "azerbaycan"
    assert fold("Şəki  İsmayıllı") == "seki ismayilli"


@given(az_words)
def test_case_round_trip(word: str) -> None:
    assert lower(upper(word)) == word
    assert upper(lower(upper(word))) == upper(word)


@given(st.text(alphabet=AZ_UPPER, min_size=1, max_size=20))
def test_upper_round_trip(word: str) -> None:
    assert upper(lower(word)) == word


def test_dotted_and_dotless_i() -> None:
    assert upper("istiqlal ılıq") == "İSTİQLAL ILIQ"
    assert lower("İSTİQLAL ILIQ") == "istiqlal ılıq"
    assert capitalize("iSMAYILLI") == "İsmayıllı"
    assert title("ilham əliyev") == "İlham Əliyev"


def test_collation_alphabet_order() -> None:
    letters = list("abcçdeəfgğhxıijkqlmnoöprsştuüvyz")
    shuffled = sorted(letters)  # code-point order differs
    assert sorted(shuffled, key=sort_key) == letters


def test_collation_words() -> None:
    words = ["Şəki", "zəng", "ərik", "ilan", "ıldırım", "xalq", "həyat", "qar", "kənd"]
    assert sorted(words, key=sort_key) == [
        "ərik",
        "həyat",
        "xalq",
        "ıldırım",
        "ilan",
        "kənd",
        "qar",
        "Şəki",
        "zəng",
    ]
