"""fold() replaces curly quotes, apostrophes and dashes one character for one: the replace() loop
that makes it fast gives exactly what a translation table gives, offsets included."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checks.core.text import _TRANSLATE, fold, normalise

SPECIAL = "".join(chr(code) for code in _TRANSLATE)
TEXTS = st.text(alphabet=st.sampled_from(SPECIAL) | st.characters(exclude_categories=("Cs",)), max_size=80)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_fold_equals_the_translation_table(text: str) -> None:
    folded = fold(text)
    assert folded == text.translate(_TRANSLATE)
    assert len(folded) == len(text)


def test_fold_and_normalise_on_house_prose() -> None:
    text = "the Workers\u2019 Party\u2019s \u201cchairman\u201d \u2014 2016\u20132021\u00a0now"
    assert fold(text) == "the Workers' Party's \"chairman\" - 2016-2021 now"
    assert normalise("  a\u00a0\u2018b\u2019 \n c ") == "a 'b' c"
