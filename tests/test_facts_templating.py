"""Ordinals, session arithmetic and the sandboxed templates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asp_draft.errors import TemplateError
from asp_draft.library import facts
from asp_draft.library.templating import render


@pytest.mark.parametrize(("n", "figures", "words"), [
    (1, "1st", "first"), (2, "2nd", "second"), (3, "3rd", "third"), (4, "4th", "fourth"),
    (11, "11th", "eleventh"), (12, "12th", "twelfth"), (13, "13th", "thirteenth"),
    (17, "17th", "seventeenth"), (20, "20th", "twentieth"), (21, "21st", "twenty-first"),
    (22, "22nd", "twenty-second"), (40, "40th", "fortieth"), (99, "99th", "ninety-ninth"),
    (101, "101st", "one hundred and first"), (112, "112th", "one hundred and twelfth"),
])
def test_ordinals(n: int, figures: str, words: str) -> None:
    assert facts.ordinal(n) == figures
    assert facts.ordinal_word(n) == words


@given(st.integers(min_value=1, max_value=99))
def test_ordinal_words_read_back(n: int) -> None:
    assert facts.parse_ordinal_word(facts.ordinal_word(n)) == n


@pytest.mark.parametrize(("year", "session"), [(2002, 1), (2011, 10), (2017, 16), (2018, 17),
                                               (2019, 18)])
def test_session_for_year(year: int, session: int) -> None:
    assert facts.session_for_year(year) == session


@pytest.mark.parametrize(("template", "values", "expected"), [
    ("{{ session | ordinal_word }} session", {"session": 17}, "seventeenth session"),
    ("the {{ anniversary(1998) | ordinal }} anniversary", {"year": 2018}, "the 20th anniversary"),
    ("the {{ anniversary(1998) | ordinal }} anniversary", {"year": 2019}, "the 21st anniversary"),
    ("in {{ year }}", {"year": 2019}, "in 2019"),
    ("plain text, no engine", {}, "plain text, no engine"),
])
def test_render(template: str, values: dict[str, int], expected: str) -> None:
    assert render(template, values, where="test") == expected


@pytest.mark.parametrize(("template", "fragment"), [
    ("{{ ''.__class__ }}", "sandbox refused"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "sandbox refused"),
    ("{{ cycler.__init__.__globals__ }}", "undefined variable cycler"),
    ("{{ lipsum.__globals__ }}", "undefined variable lipsum"),
    ("{{ venue }", "template syntax error (template line 1)"),
    ("{% for x in %}", "template syntax error"),
    ("at the {{ venue }} session", "undefined variable venue"),
])
def test_render_refuses(template: str, fragment: str) -> None:
    with pytest.raises(TemplateError) as err:
        render(template, {"year": 2018}, where="clause x, version 2018")
    assert "clause x, version 2018" in str(err.value)
    assert fragment in str(err.value)


def test_an_undefined_variable_is_named_with_where_a_value_is_given() -> None:
    with pytest.raises(TemplateError) as err:
        render("at {{ venue }} in {{ city }}", {"year": 2018}, where="clause x, version 2018")
    # the library names no option: the command line knows its own
    assert err.value.message == ("clause x, version 2018: undefined variable city, venue (give "
                                 "a value in the spec's variables, or as a variable of the "
                                 "command)")


# --- the language of the numbers --------------------------------------------------------

def test_facts_words_are_english_s() -> None:
    from asp_draft.language import ENGLISH

    assert (facts.ordinal, facts.ordinal_word, facts.cardinal_word, facts.long_date,
            facts.parse_long_date, facts.parse_ordinal_word) == (
        ENGLISH.ordinal, ENGLISH.ordinal_word, ENGLISH.cardinal_word, ENGLISH.long_date,
        ENGLISH.parse_long_date, ENGLISH.parse_ordinal_word)


def test_filters_come_from_the_language_given() -> None:
    from dataclasses import replace

    from asp_draft.language import ENGLISH
    from asp_draft.library.templating import environment

    shouting = replace(ENGLISH, code="xen", ordinal=lambda n: f"N°{n}",
                       cardinal_word=lambda n: "MANY")
    text = "{{ session | ordinal }}, {{ 3 | cardinal_word }}, {{ 2 | ordinal_word }}"
    assert render(text, {"session": 17}, where="t", language=shouting) == "N°17, MANY, second"
    assert render(text, {"session": 17}, where="t") == "17th, three, second"
    assert environment(shouting) is not environment(ENGLISH)
    assert environment() is environment(ENGLISH)  # one sandbox per language, made once


def test_a_language_s_filters_stay_inside_the_sandbox_limits() -> None:
    from asp_draft.language import ENGLISH

    with pytest.raises(TemplateError, match="cannot render: 1000 is out of range for words"):
        render("{{ 1000 | cardinal_word }}", {}, where="t", language=ENGLISH)
