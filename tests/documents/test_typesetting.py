import io

import pikepdf
import pytest

from documents.typesetting import TypesettingError, render_certificates

from .pdf_reading import page_text, read
from .samples import certificate_context


def awardees(count):
    return [f"Người nhận số {n}" for n in range(1, count + 1)]


def certificates(count):
    return [certificate_context(print_on_blank=True, awardee=awardee) for awardee in awardees(count)]


def awardee_of_each_page(pdf):
    return [page_text(pdf, index).split(" Trợ giúp")[0] for index in range(len(pdf.pages))]


def font_programs(pdf):
    """The font files embedded in a PDF, and the fonts that point at them."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        fonts = [font for font in document.objects if isinstance(font, pikepdf.Dictionary) and "/FontFile2" in font]
        return {font.FontFile2.objgen for font in fonts}, len(fonts)


def test_bulk_certificates_give_one_page_each_in_order_with_each_font_embedded_once():
    rendered = render_certificates(certificates(250))
    pdf = read(rendered)

    programs, fonts = font_programs(rendered)
    assert fonts == len(programs) == 3  # regular, bold and italic, each once for all the pages
    assert len(pdf.pages) == 250
    assert page_text(pdf, 0).startswith("Người nhận số 1 Trợ giúp")
    assert page_text(pdf, 249).startswith("Người nhận số 250 Trợ giúp")
    assert awardee_of_each_page(pdf) == awardees(250)


def test_certificates_typst_refuses_raise_an_error_that_says_why(tmp_path, monkeypatch):
    broken = tmp_path / "certificate.typ"
    broken.write_text("#let x = (\n")
    monkeypatch.setattr("documents.typesetting.TEMPLATE", broken)

    with pytest.raises(TypesettingError, match="unclosed delimiter"):
        render_certificates(certificates(1))
