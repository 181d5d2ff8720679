"""Line-end hyphenation: soft splits are joined, real compounds are kept."""

from hypothesis import given, settings
from hypothesis import strategies as st

from aztext import restore
from aztext.lexicon import get_lexicon


def compounds() -> list[str]:
    """Frequent hyphenated lexicon words whose parts are words of 3+ letters."""
    lex = get_lexicon()
    found = []
    for word, count in lex.counts.items():
        if count < 30 or word.count("-") != 1:
            continue
        left, right = word.split("-")
        if (
            len(left) >= 3
            and len(right) >= 3
            and left in lex
            and right in lex
            and count > lex.count(left + right)
        ):
            found.append(word)
    return found


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(compounds()))
def test_real_compounds_are_never_merged(word: str) -> None:
    left, right = word.split("-")
    text = f"Bu gün {left}-\n{right} haqqında danışdıq.\n\nSonra"
    out = restore(text).text
    assert f"{left}{right}" not in out
    assert "-" in out.split("\n")[0]


def test_soft_hyphen_joined() -> None:
    text = "Azərbaycan Respublikası Prezidenti-\nnin fərmanı\n\nSon."
    assert restore(text).text == "Azərbaycan Respublikası Prezidentinin fərmanı\nSon."


def test_named_compounds_kept() -> None:
    for left, right in [("dövlət", "özəl"), ("əhval", "ruhiyyə"), ("QHT", "lərin")]:
        out = restore(f"Mətn {left}-\n{right} sözü\n\nSon.").text
        assert f"{left}-{right}" in out, out


def test_dash_is_kept() -> None:
    text = "Dövlət—QHT əməkdaşlığı – yeni mərhələ"
    assert restore(text).text == text


def test_join_is_reported() -> None:
    result = restore("Prezidenti-\nnin\n\nSon.")
    reasons = [c.reason for c in result.changes]
    assert "line-end hyphenation joined" in reasons


def test_capitals_ocr_made_of_a_word_end_after_a_line_break_are_small() -> None:
    text = "Bu, ayrı-ayrılıqda yaradılan təhsil müəssisə-\nSI, həm də məktəb.\n\nSon.\n"
    assert restore(text).text.startswith("Bu, ayrı-ayrılıqda yaradılan təhsil müəssisəsi, həm")
    assert restore("Bu gün BMT-\nnin iclası oldu.\n\nSon.\n").text.startswith("Bu gün BMT-nin")
