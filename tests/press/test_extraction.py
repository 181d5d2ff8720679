"""Finding NGOs, countries, dates and numbers in Azerbaijani text."""

from digital_ngo.press.extraction import PhraseMatcher, find_dates, find_numbers

TEXT = (
    "QHT Agentliyinin məlumatına görə, 19 proqramda 67 tapşırığın 97%-i icra olunub. "
    "Platformaya 137 ölkədən 1 023 QHT qoşulub. 2021-ci il 19 aprel tarixli Fərman; "
    "14.09.2023 qərarı. Türkiyədən və Özbəkistanla əməkdaşlıq, Mərkəzinin işi."
)


def test_names_match_with_suffixes_and_without_diacritics():
    matcher = PhraseMatcher([("QHT Agentliyi", "agency"), ("Türkiyə", "TR"), ("Özbəkistan", "UZ")])
    found = {(f.text, f.value) for f in matcher.find(TEXT)}
    assert found == {("QHT Agentliyinin", "agency"), ("Türkiyədən", "TR"), ("Özbəkistanla", "UZ")}
    ascii_typed = PhraseMatcher([("Vətəndaş Cəmiyyəti Mərkəzi", 1)]).find(
        "Vetendas Cemiyyeti Merkezinin"
    )
    assert [f.value for f in ascii_typed] == [1]


def test_stem_final_k_softens_before_a_suffix():
    found = PhraseMatcher([("Gənclər Mərkəzi Agentlik", 1)]).find("Gənclər Mərkəzi Agentliyinin")
    assert [f.value for f in found] == [1]


def test_names_do_not_match_inside_other_words_or_with_long_tails():
    matcher = PhraseMatcher([("Çad", "TD"), ("İran", "IR")])
    assert matcher.find("caddə iranlılarlaşdırılmışlar") == []


def test_min_words_skips_one_word_names():
    assert PhraseMatcher([("Ümid", 1)], min_words=2).find("Ümid") == []


def test_longest_name_wins():
    matcher = PhraseMatcher([("Bakı Gənclər", 1), ("Bakı Gənclər Mərkəzi", 2)])
    assert [f.value for f in matcher.find("Bakı Gənclər Mərkəzinin")] == [2]


def test_dates_in_three_spellings():
    assert [f.value for f in find_dates(TEXT)] == ["2021-04-19", "2023-09-14"]
    assert find_dates("31 fevral 2024") == []


def test_numbers_with_the_word_they_count_outside_dates():
    numbers = [(f.text, f.value) for f in find_numbers(TEXT, skip=find_dates(TEXT))]
    assert ("67 tapşırığın", "67") in numbers
    assert ("97%", "97%") in numbers
    assert ("137 ölkədən", "137") in numbers
    assert ("1 023 QHT", "1023") in numbers
    assert all("2021" not in text and "2023" not in text for text, _ in numbers)
