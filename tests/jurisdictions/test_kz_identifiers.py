"""BIN/IIN validation with the official two-pass control-digit algorithm."""

import pytest

from tripartite.jurisdictions import InvalidIdentifier, bin_control_digit, validate_bin

# Worked by hand: 1*1+8*2+1*3+1*4+4*5+0*6+0*7+1*8+2*9+3*10+4*11 = 144; 144 mod 11 = 1.
VALID_FIRST_PASS = "181140012341"
# First pass: 0+8+0+32+20+0+0+0+0+60+11 = 131, 131 mod 11 = 10, so the second pass applies:
# weights 3,4,5,6,7,8,9,10,11,1,2 give 0+16+0+48+28+0+0+0+0+6+2 = 100, 100 mod 11 = 1.
VALID_SECOND_PASS = "040840000611"


@pytest.mark.parametrize("value", [VALID_FIRST_PASS, VALID_SECOND_PASS, "040840001231", "990740000683"])
def test_valid_bin_is_accepted(value):
    validate_bin(value)


def test_control_digit_uses_second_pass_when_first_gives_ten():
    assert bin_control_digit(VALID_SECOND_PASS[:11]) == 1


def test_control_digit_is_none_when_both_passes_give_ten():
    assert bin_control_digit("04084000060") is None
    with pytest.raises(InvalidIdentifier) as err:
        validate_bin("040840000600")
    assert err.value.code == "no_control_digit"


@pytest.mark.parametrize("value", ["18114001234", "1811400123410", ""])
def test_bin_of_wrong_length_is_refused(value):
    with pytest.raises(InvalidIdentifier) as err:
        validate_bin(value)
    assert err.value.code == "wrong_length"
    assert err.value.params["length"] == len(value)


@pytest.mark.parametrize("value", ["18114001234A", "1811-4001234", " 181140012341", "١٨١١٤٠٠١٢٣٤١"])
def test_bin_with_non_digits_is_refused(value):
    with pytest.raises(InvalidIdentifier) as err:
        validate_bin(value)
    assert err.value.code == "not_digits"


def test_wrong_control_digit_names_the_expected_digit_in_three_languages():
    with pytest.raises(InvalidIdentifier) as err:
        validate_bin("181140012345")
    assert err.value.code == "wrong_control_digit"
    assert err.value.params == {"expected": 1, "actual": 5}
    assert "1" in err.value.message["ru"] and "1" in err.value.message["kk"]
    assert "should be 1" in err.value.message["en"]


def test_invalid_identifier_is_a_value_error():
    with pytest.raises(ValueError):
        validate_bin("x")
