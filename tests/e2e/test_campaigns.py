import zipfile
from xml.sax.saxutils import escape

import pytest
from playwright.sync_api import expect

from campaigns.seed import SEED_DIR
from tests.factories import OrganizationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_unit_signs_in_and_reads_the_can_tho_plan(live_server, login, unit_user, can_tho_campaign):
    page = login(unit_user)

    page.click("nav >> text=Phong trào")
    page.fill("#id_q", "tro giup phap ly to tung")
    page.click(f"text={can_tho_campaign.number}")

    expect(page.locator("h1")).to_contain_text("Trợ giúp pháp lý trong hoạt động tố tụng")
    expect(page.locator("body")).to_contain_text("Bằng khen của Chủ tịch Ủy ban nhân dân thành phố")
    expect(page.locator("body")).to_contain_text("Đạt mức chỉ tiêu từ khá trở lên")



def word_file(path, text):
    """A minimal .docx holding the text, one Word paragraph a line."""
    paragraphs = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in text.splitlines())
    with zipfile.ZipFile(path, "w") as docx:
        docx.writestr("word/document.xml", f"<w:document><w:body>{paragraphs}</w:body></w:document>")
    return str(path)


def test_office_reads_a_plan_from_its_word_file_corrects_it_and_launches_it(live_server, login, office_user, tmp_path):
    OrganizationFactory(name="Ủy ban nhân dân thành phố Cần Thơ")
    plan = word_file(tmp_path / "ke-hoach-67.docx", (SEED_DIR / "sources" / "000_can_tho_67_kh_ubnd.txt").read_text())
    page = login(office_user)

    page.goto(f"{live_server.url}/phong-trao/")
    page.click("text=Đọc từ văn bản")
    page.set_input_files("#id_file", plan)
    page.click("button:has-text('Đọc văn bản')")
    expect(page.locator("#id_number")).to_have_value("67/KH-UBND")
    expect(page.locator("body")).to_contain_text("Hình thức khen thưởng (2)")
    expect(page.locator("#id_signing_authority")).to_have_value("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    page.screenshot(path=str(tmp_path / "review.png"), full_page=True)
    # The plan states no nomination deadline of its own: the office sets one.
    page.fill("#id_nomination_deadline", "31/10/2025")
    page.click("button:has-text('Lưu dự thảo kế hoạch')")
    expect(page.locator(".alert-success")).to_contain_text("Đã tạo dự thảo kế hoạch 67/KH-UBND")
    page.click("button:has-text('Phát động')")

    expect(page.locator(".alert-success")).to_contain_text("Đã phát động phong trào.")
    expect(page.locator("body")).to_contain_text("Giấy khen của Giám đốc Sở Tư pháp")
