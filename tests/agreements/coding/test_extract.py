"""Text from the signed file: PDF with a text layer, DOCX; scanned, encrypted and other files refused plainly."""

from __future__ import annotations

import pytest

from tests.agreements.coding.pdfs import docx, encrypted_pdf, pdf
from tripartite.agreements.coding.errors import CodingError
from tripartite.agreements.coding.extract import clean_pages, text_from_file


def _page(n: int, body: list[str]) -> list[str]:
    return ["Collective agreement of Almaty Construction LLP", *body, f"Page {n} of 3"]


def test_a_pdf_loses_its_running_header_and_page_numbers():
    data = pdf([_page(1, ["Section 1. Pay", "1.1. The minimum monthly pay is 90 000 tenge."]),
                _page(2, ["1.2. Pay is paid twice a month."]),
                _page(3, ["Section 2. Leave", "2.1. Annual paid leave lasts 30 calendar days."])])
    text = text_from_file(data)
    assert "Almaty Construction LLP" not in text
    assert "Page" not in text
    assert text.splitlines()[0] == "Section 1. Pay"
    assert "2.1. Annual paid leave lasts 30 calendar days." in text


def test_a_word_cut_at_the_end_of_a_line_is_joined_but_a_numbered_heading_keeps_its_hyphen():
    text = clean_pages(["Работодатель обеспечивает своевре-\nменную выплату.\n3-бөлім. Еңбекақы"])
    assert "своевременную выплату" in text
    assert "3-бөлім" in text


def test_a_docx_gives_its_paragraphs_as_lines():
    text = text_from_file(docx(["5-бап. Жалақы", "5.1. Ең төменгі жалақы 100 000 теңге."]))
    assert text.splitlines() == ["5-бап. Жалақы", "5.1. Ең төменгі жалақы 100 000 теңге."]


@pytest.mark.parametrize(("data", "code"), [
    (pdf([[]]), "no_text"),
    (encrypted_pdf(), "encrypted"),
    (b"GIF89a not an agreement", "not_supported"),
    (b"PK\x03\x04 a zip that is no Word file", "not_supported"),
    (b"%PDF-1.4\n1 0 obj broken", "damaged"),
    (b"", "empty"),
])
def test_files_that_cannot_be_read_are_refused_with_a_reason(data, code):
    with pytest.raises(CodingError) as caught:
        text_from_file(data)
    assert caught.value.code == code
    assert str(caught.value)
