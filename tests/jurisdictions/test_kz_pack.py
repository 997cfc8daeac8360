"""The pack registry and the purity of the jurisdictions layer."""

import subprocess
import sys

import pytest

from tripartite.jurisdictions import UnknownJurisdiction, available_packs, get_pack


def test_kazakhstan_pack_is_available_and_shared():
    assert "kz" in available_packs()
    assert get_pack("kz") is get_pack("KZ")


def test_unknown_jurisdiction_is_refused():
    with pytest.raises(UnknownJurisdiction):
        get_pack("xx")


def test_jurisdictions_import_no_django():
    code = (
        "import sys, datetime\n"
        "import tripartite.jurisdictions as j, tripartite.jurisdictions.kz\n"
        "j.get_pack().calendar.is_working_day(datetime.date(2025, 1, 1))\n"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_pack_with_the_same_overrides_is_built_once():
    assert get_pack("kz", overrides={"strike_notice": 5}) is get_pack("kz", overrides={"strike_notice": 5})
    assert get_pack("kz", overrides={"strike_notice": 5}) is not get_pack("kz", overrides={"strike_notice": 6})
