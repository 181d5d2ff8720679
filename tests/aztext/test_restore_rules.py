"""Clitic harmony, verb morphology, OCR typography and number suffixes."""

from collections import Counter

from aztext import restore
from aztext.channel import PERMISSIVE, TYPED, profile, variants
from aztext.fixes import (
    apply_case,
    fix_number_suffix,
    fix_pipe_numeral,
    fix_three_dots,
    split_number_suffix,
    split_parts,
)
from aztext.letters import LetterModel, best_reading
from aztext.lexicon import get_lexicon
from aztext.morphology import analyse, is_verb
from aztext.restoration import Restorer, Slot
from aztext.words import LETTER_MARGIN, Candidate, schwa_mix


def test_clitic_follows_the_vowel_of_its_host() -> None:
    out = restore("Men bunu da bilirem, yene de gelecem.").text
    assert "bunu da" in out
    assert "yenə də" in out


def test_verb_endings_are_analysed() -> None:
    lex = get_lexicon()
    assert ("naxoş", "lamışam", 3) in analyse("naxoşlamışam", lex.counts)
    assert any(stem == "maraq" for stem, _, _ in analyse("maraqlanmırlardı", lex.counts))
    assert any(stem == "ümumi" for stem, _, _ in analyse("ümumiləşdirilməsi", lex.counts))


def test_verb_endings_need_a_verb_stem() -> None:
    lex = get_lexicon()
    assert is_verb("çək", lex.counts)
    assert not is_verb("çok", lex.counts)
    assert analyse("çokmaz", lex.counts) == []


def test_number_suffix_misreadings() -> None:
    assert fix_number_suffix("4-cl") == "4-cü"
    assert fix_number_suffix("46-c1") == "46-cı"
    assert fix_number_suffix("1-doan,") == "1-dən,"
    assert fix_number_suffix("2021-ci") is None
    assert split_number_suffix("2007-ciil", get_lexicon().__contains__) == "2007-ci il"
    assert split_number_suffix("2007-ci", get_lexicon().__contains__) is None


def test_punctuation_inside_a_token_separates_words() -> None:
    assert split_parts('edesen?"--Gulbadam') == (("edesen", "Gulbadam"), ("", '?"--'))
    assert split_parts("ayrı-ayrı") == (("ayrı", "ayrı"), ("", "-"))
    assert split_parts("www.gov.az") == (("www.gov.az",), ("",))


def test_pipe_numeral() -> None:
    assert fix_pipe_numeral("|") == "I"
    assert fix_pipe_numeral("(||)") == "(II)"
    assert fix_pipe_numeral("a|b") is None


def test_three_dots() -> None:
    assert fix_three_dots("var...") == "var…"
    assert fix_three_dots("həkimə....") is None
    assert fix_three_dots("olsun!...") is None


#: OCR of a print column: wrapped lines, blank lines between paragraphs.
OCR_COLUMN = (
    "Bu Qanunda istifade olunan esas\nanlayislar (bundan sonra - Oo\nAgentlik) var...\n"
    "\n"
    "ilham Əliyev\n"
)


def test_ocr_column_typography() -> None:
    result = restore(OCR_COLUMN)
    assert "Oo" not in result.text
    assert "sonra - " in result.text  # a spaced hyphen stays as written
    assert "var…" in result.text
    assert result.text.splitlines()[-1].startswith("İlham")
    reasons = {c.reason for c in result.changes}
    assert "OCR gap junk removed" in reasons
    assert "capital İ restored at sentence start" in reasons


def test_clean_text_keeps_its_hyphens_and_dots() -> None:
    text = "Bu, bundan sonra - yəni indi - belə olacaq...\n"
    assert restore(text).text == text


def test_typed_documents_do_not_read_a_or_o_for_schwa() -> None:
    typed = schwa_mix({"e": 100.0, "a": 2.0, "o": 1.0, "s": 0.0})
    assert typed["ə>a"] < 0.05
    assert schwa_mix({"e": 60.0, "a": 25.0, "o": 10.0, "s": 5.0}) == {}
    assert schwa_mix({"e": 5.0, "a": 0.0, "o": 0.0, "s": 0.0}) == {}


def test_caseless_digit_for_schwa_takes_the_sentence_case() -> None:
    assert apply_case("9sas", "əsas", sentence_start=True) == "Əsas"
    assert apply_case("3sas", "əsas", sentence_start=False) == "əsas"
    assert apply_case("®sas", "əsas") == "Əsas"
    assert apply_case("¢ixmaq", "çıxmaq") == "çıxmaq"


def test_unknown_words_get_letters_from_letter_statistics() -> None:
    result = restore("Gulbadam qopartdigi yarpaqlari gordu, sonra evine getdi.")
    assert result.text.startswith("Gülbadam qopartdığı")
    assert any("letter statistics" in c.reason for c in result.changes)


def test_letter_statistics_leave_clean_unknown_words_alone() -> None:
    lex = get_lexicon()
    model = LetterModel(lex.letter_trigrams)
    clean = profile("bu gün şəhərin mərkəzində yeni məktəb açıldı, uşaqlar gəldilər")
    for word in ("gülbadam", "london", "kompüter", "pırtladı"):
        text, _, gain = best_reading(word, clean, model)
        assert text == word or gain < LETTER_MARGIN, (word, text, gain)
    assert restore("Nazir London və Parisdə oldu.").text == "Nazir London və Parisdə oldu."


def test_document_cache_favours_readings_used_elsewhere() -> None:
    cands = (Candidate("əşya", -10.0, 1.0, "lexicon"), Candidate("asya", -11.0, 0.5, "lexicon"))
    slot = Slot(0, 0, "asya", cands)
    assert Restorer.cand_scores(slot, None) == [-10.0, -11.0]
    used = Counter({"asya": 3, "əşya": 1})  # the slot's own best reading counts once
    scores = Restorer.cand_scores(slot, used)
    assert scores[1] > scores[0]


def test_lost_letters_only_in_ocr_text() -> None:
    ocr = PERMISSIVE
    typed = tuple(sorted({**dict(PERMISSIVE), TYPED: 1.0}.items()))
    assert "əsas" in dict(variants("sas", ocr))
    assert "əsas" not in dict(variants("sas", typed))
