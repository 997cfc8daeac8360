"""Kazakh business and individual identification numbers (BIN/IIN): their structure and control digit.

Pure Python (no Django), like every module of the jurisdiction packs.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from .errors import JurisdictionError
from .texts import Text, render, text


class InvalidIdentifier(JurisdictionError, ValueError):
    """A BIN/IIN failed validation. ``code``: ``not_digits``, ``wrong_length``, ``wrong_control_digit``,
    ``no_control_digit``; ``message`` is trilingual."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.message: Text = render(_BIN_MESSAGES[code], params)
        super().__init__(self.message["en"])
        self.params = params


_BIN_MESSAGES: Mapping[str, Text] = MappingProxyType({
    "not_digits": text(
        "БСН тек цифрлардан тұруы керек (%(value)s).",
        "БИН должен состоять только из цифр (%(value)s).",
        "A BIN must consist of digits only (%(value)s).",
    ),
    "wrong_length": text(
        "БСН 12 цифрдан тұруы керек, енгізілгені: %(length)s.",
        "БИН должен содержать 12 цифр, введено: %(length)s.",
        "A BIN has 12 digits; this one has %(length)s.",
    ),
    "wrong_control_digit": text(
        "БСН бақылау цифры қате: соңғы цифр %(expected)s болуы керек, ал %(actual)s берілген. "
        "Нөмірді тексеріңіз.",
        "Неверная контрольная цифра БИН: последняя цифра должна быть %(expected)s, а указана %(actual)s. "
        "Проверьте номер.",
        "Wrong BIN control digit: the last digit should be %(expected)s, not %(actual)s. Check the number.",
    ),
    "no_control_digit": text(
        "Мұндай БСН болмайды: алғашқы 11 цифр үшін бақылау цифры есептелмейді.",
        "Такого БИН не существует: для первых 11 цифр контрольная цифра не вычисляется.",
        "No such BIN exists: no control digit can be computed for its first 11 digits.",
    ),
})

_BIN_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_BIN_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def bin_control_digit(first11: str) -> int | None:
    """Control digit of a BIN/IIN from its first 11 digits; None if both passes give 10 (invalid number).

    Official two-pass algorithm: weights 1..11, sum mod 11; if that is 10, weights 3..11,1,2, sum mod 11.
    """
    if len(first11) != 11 or not (first11.isascii() and first11.isdigit()):
        raise ValueError("first11 must be 11 ASCII digits")
    digits = [int(c) for c in first11]
    for weights in (_BIN_WEIGHTS_1, _BIN_WEIGHTS_2):
        control = sum(w * d for w, d in zip(weights, digits, strict=True)) % 11
        if control != 10:
            return control
    return None


def validate_bin(value: str) -> None:
    """Raise ``InvalidIdentifier`` unless ``value`` is a well-formed 12-digit BIN/IIN with a correct control
    digit. Surrounding spaces are not stripped here: forms strip input before calling."""
    if value and not (value.isascii() and value.isdigit()):
        raise InvalidIdentifier("not_digits", value=value)
    if len(value) != 12:
        raise InvalidIdentifier("wrong_length", length=len(value))
    expected = bin_control_digit(value[:11])
    if expected is None:
        raise InvalidIdentifier("no_control_digit")
    if expected != int(value[11]):
        raise InvalidIdentifier("wrong_control_digit", expected=expected, actual=int(value[11]))


