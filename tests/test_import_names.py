"""Spellings of one person or one company: worked examples and invariants (hypothesis)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesplan.importing.names import LEGAL_FORMS, company_key, person_key, same_person

CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
words = st.text(CYRILLIC, min_size=2, max_size=10)
LEGAL = ["ООО", "АО", "ПАО", "ЗАО", "ИП", "Общество с ограниченной ответственностью",
         "Акционерное общество", "Публичное акционерное общество", "Индивидуальный предприниматель"]
QUOTES = [("«", "»"), ('"', '"'), ("'", "'"), ("", "")]


@pytest.mark.parametrize("spelling", [
    'ООО "Ромашка"', "Ромашка, ООО", "ромашка", "ООО «Ромашка»", "  РОМАШКА  ", "Общество с ограниченной "
    "ответственностью «Ромашка»", "'Ромашка' ООО",
])
def test_spellings_of_one_company(spelling):
    assert company_key(spelling) == "ромашка"


def test_a_company_keeps_the_words_of_its_name():
    assert company_key("ПАО «Сбербанк России»") == "сбербанк россии"
    assert company_key("ИП Ёлкин Пётр") == "елкин петр"
    assert company_key("Иппон ООО") == "иппон"  # a legal form inside a word stays
    assert company_key("ООО") == "ооо"  # nothing but a form: the form is the name


@given(name=st.lists(words, min_size=1, max_size=3).map(" ".join), form=st.sampled_from(LEGAL),
       quotes=st.sampled_from(QUOTES), after=st.booleans(), upper=st.booleans())
def test_quotes_form_case_and_yo_do_not_change_a_company(name, form, quotes, after, upper):
    quoted = f"{quotes[0]}{name}{quotes[1]}"
    spelled = f"{quoted}, {form}" if after else f"{form} {quoted}"
    spelled = spelled.upper() if upper else spelled
    if set(name.replace("ё", "е").split()) & set(LEGAL_FORMS):
        return  # a name that is itself a legal form
    assert company_key(spelled) == company_key(name) == name.replace("ё", "е")


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Иванов И.", "Иванов Иван Иванович", True),
    ("Иванов Иван", "Иванов Иван Иванович", True),
    ("Иван Иванов", "Иванов Иван Иванович", True),
    ("Иванов И.И.", "Иванов Иван", True),
    ("Иванов И. И.", "Иванов Иван Иванович", True),
    ("иванов  иван", "ИВАНОВ ИВАН", True),
    ("Пётр Ёлкин", "Елкин Петр", True),
    ("Иванов П.", "Иванов Иван", False),
    ("Иванова Анна", "Иванов Иван", False),
    ("Иванов", "Иванов Иван", False),  # a surname alone
    ("И. И.", "Иванов Иван", False),  # initials alone
    ("205 Сотрудник 205", "206 Сотрудник 206", False),
])
def test_spellings_of_one_person(a, b, same):
    assert same_person(a, b) is same
    assert same_person(b, a) is same


@given(surname=words, first=words, patronymic=words)
def test_a_person_is_himself_by_initials_and_in_either_order(surname, first, patronymic):
    full = f"{surname} {first} {patronymic}".title()
    for short in (f"{surname} {first[0]}.", f"{surname} {first[0]}.{patronymic[0]}.",
                  f"{first} {surname}", f"{surname.upper()} {first}"):
        assert same_person(short, full)
    assert person_key(full.replace("е", "ё")) == person_key(full)
