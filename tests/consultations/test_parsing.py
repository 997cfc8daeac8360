"""Cutting a draft's text into articles in the numbering styles of the three languages."""

from __future__ import annotations

import io

import docx
import pytest

from tripartite.consultations import articles
from tripartite.consultations.articles import TextNotRecognised, split_units

from .conftest import EN_TEXT, KK_TEXT, RU_TEXT


def test_russian_articles_are_found_with_their_headings_and_the_preamble_kept():
    units = split_units(RU_TEXT)
    assert [u.key for u in units] == ["preamble", "1", "2", "3"]
    assert units[0].text == "Проект закона о минимальной заработной плате"
    assert units[2].heading == "Размер"
    # Points inside an article stay in its text.
    assert "1. Минимальная" in units[2].text and "2) Размер" in units[2].text


def test_kazakh_bap_numbering_is_recognised():
    units = split_units(KK_TEXT)
    assert [(u.key, u.heading) for u in units] == [("1", "Мәні"), ("2", "Мөлшері"), ("3", "Күшіне енуі")]
    assert all(u.kind == articles.ARTICLE for u in units)


def test_english_article_numbering_is_recognised():
    assert [u.key for u in split_units(EN_TEXT)] == ["1", "2", "3"]


@pytest.mark.parametrize("text", [
    "1. First point\n2. Second point",
    "1) First point\n2) Second point",
    "п. 1 Первый пункт\nп. 2 Второй пункт",
    "1-тармақ. Бірінші\n2-тармақ. Екінші",
])
def test_without_articles_the_top_level_points_are_the_units(text):
    units = split_units(text)
    assert [(u.key, u.kind) for u in units] == [("1", "point"), ("2", "point")]
    assert units[1].text.endswith(("Second point", "Второй пункт", "Екінші"))


def test_sub_points_of_another_style_stay_inside_their_point():
    units = split_units("1. Employers shall:\n1) pay on time;\n2) keep records.\n2. The ministry shall check.")
    assert [u.key for u in units] == ["1", "2"]
    assert "2) keep records." in units[0].text


def test_sub_numbered_lines_like_1_1_do_not_start_a_point():
    units = split_units("1. Main\n1.1 detail\n2. Next")
    assert [u.key for u in units] == ["1", "2"] and "1.1 detail" in units[0].text


def test_numbering_that_starts_again_keeps_both_units_apart():
    units = split_units("Статья 1. А\nтекст\nСтатья 1. Б\nприложение")
    assert [u.key for u in units] == ["1", "1/2"]


def test_article_numbers_with_a_dash_or_dot_are_kept():
    units = split_units("Статья 5-1. Новая статья\nтекст\n12-1-бап. Жаңа\nмәтін")
    assert [u.key for u in units] == ["5.1", "12.1"]


def test_a_text_with_nothing_numbered_is_refused():
    with pytest.raises(TextNotRecognised) as caught:
        split_units("Просто текст без нумерации.\nЕщё строка.")
    assert caught.value.code == "no_articles"


def test_an_empty_text_is_refused():
    with pytest.raises(TextNotRecognised) as caught:
        split_units("  \n ")
    assert caught.value.code == "empty"


def _docx(paragraphs: list[str], numbered: list[str] = ()) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for text in numbered:
        document.add_paragraph(text, style="List Number")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_file_is_read_paragraph_by_paragraph():
    text = articles.docx_text(_docx(["Статья 1. Предмет", "Текст статьи.", "Статья 2. Срок", "Текст."]))
    assert [u.key for u in split_units(text)] == ["1", "2"]


def test_word_automatic_list_numbers_are_written_out():
    text = articles.docx_text(_docx([], numbered=["First point", "Second point"]))
    assert [u.key for u in split_units(text)] == ["1", "2"]


def test_a_file_that_is_not_a_word_document_is_refused():
    with pytest.raises(TextNotRecognised) as caught:
        articles.docx_text(b"PK\x03\x04 this is not really a zip")
    assert caught.value.code == "not_docx"
    with pytest.raises(TextNotRecognised):
        articles.docx_text(b"%PDF-1.4 a pdf")


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer: `lines` in Helvetica, one under the other (written by hand, with the
    cross-reference table's byte offsets computed, so that pypdf reads it without repairing it)."""
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    content = "BT /F1 11 Tf 14 TL 72 770 Td " + " ".join(f"({line}) Tj T*" for line in escaped) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content.encode('latin-1'))} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_a_pdf_with_a_text_layer_is_cut_into_its_articles():
    text = articles.pdf_text(_pdf(["Draft Law on the minimum wage", "Article 1. Subject",
                                   "This Law governs how the minimum wage is set.", "Article 2. Amount",
                                   "The minimum wage is set every year."]))
    units = articles.split_units(text)
    assert [(u.kind, u.key, u.heading) for u in units] == [
        ("preamble", "preamble", ""), ("article", "1", "Subject"), ("article", "2", "Amount")]
    assert units[2].text == "The minimum wage is set every year."


def test_a_file_that_is_not_a_pdf_or_a_pdf_without_text_is_refused():
    with pytest.raises(articles.TextNotRecognised) as caught:
        articles.pdf_text(b"PK\x03\x04 a Word file, not a PDF")
    assert caught.value.code == "not_pdf"
    with pytest.raises(articles.TextNotRecognised) as caught:
        articles.pdf_text(b"%PDF-1.4\n1 0 obj broken")
    assert caught.value.code == "not_pdf"
    with pytest.raises(articles.TextNotRecognised) as caught:
        articles.pdf_text(_pdf([]))
    assert caught.value.code == "pdf_no_text"
