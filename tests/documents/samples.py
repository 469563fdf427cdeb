"""Contexts of sample documents, as a domain app would give them."""

import datetime
import io

from PIL import Image, ImageDraw

ANNEX_NAMES = ["Nguyễn Thị Ngọc Hà", "Trần Văn Đức", "Lê Hoàng Phúc"]

# Names and details that wrap: a collective's name of two and of three lines, a long individual detail.
TWO_LINE_COLLECTIVE = "Phòng Tư vấn, tham gia tố tụng và hướng dẫn nghiệp vụ trợ giúp pháp lý số 1"
THREE_LINE_COLLECTIVE = (
    "Phòng Tư vấn, tham gia tố tụng, hướng dẫn nghiệp vụ, kiểm tra chất lượng vụ việc và truyền thông "
    "về trợ giúp pháp lý số 1 thuộc Trung tâm Trợ giúp pháp lý nhà nước"
)
LONG_DETAIL = (
    "Trợ giúp viên pháp lý hạng II, Trưởng phòng Tư vấn, tham gia tố tụng và hướng dẫn nghiệp vụ, "
    "Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ"
)
# A unit that, wrapped word by word in the annex's unit column, would leave "lý" alone on its last line.
UNIT_ENDING_ON_ONE_WORD = "Phòng Tư vấn, tham gia tố tụng và hướng dẫn nghiệp vụ trợ giúp pháp lý"
WRAPPING_AWARDEES = {
    "two-line collective": {"awardee": TWO_LINE_COLLECTIVE, "awardee_detail": "Trung tâm Trợ giúp pháp lý nhà nước"},
    "three-line collective": {"awardee": THREE_LINE_COLLECTIVE, "awardee_detail": "Sở Tư pháp thành phố Cần Thơ"},
    "long individual detail": {"awardee": "Ông Nguyễn Văn Long", "awardee_detail": LONG_DETAIL},
}


def decision_context(**changes):
    """Return the context of a decision granting Giấy khen, with a 3-row annex."""
    context = {
        "parent_body": "Ủy ban nhân dân thành phố Cần Thơ",
        "issuing_body": "Sở Tư pháp",
        "number": 12,
        "symbol": "QĐ-STP",
        "place": "Cần Thơ",
        "date": datetime.date(2026, 1, 5),
        "summary": "Về việc tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc năm 2025",
        "authority": "Giám đốc Sở Tư pháp",
        "legal_bases": [
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
            "Theo đề nghị của Chánh Văn phòng Sở",
        ],
        "articles": [
            ["Tặng Giấy khen của Giám đốc Sở Tư pháp cho 01 tập thể và 03 cá nhân (có danh sách kèm theo)."],
            ["Chánh Văn phòng Sở và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."],
        ],
        "recipients": ["Như Điều 2", "Lưu: VT, VP"],
        "signer_lines": ["KT. Giám đốc", "Phó Giám đốc"],
        "signer_name": "Phạm Minh Tâm",
        "annex": {
            "summary": "Tập thể, cá nhân được tặng Giấy khen của Giám đốc Sở Tư pháp",
            "issuer": "Giám đốc Sở Tư pháp",
            "collectives": [{"name": "Phòng Nghiệp vụ 1", "unit": "Trung tâm Trợ giúp pháp lý nhà nước"}],
            "individuals": [
                {"name": name, "position": "Trợ giúp viên pháp lý", "unit": "Trung tâm Trợ giúp pháp lý nhà nước"}
                for name in ANNEX_NAMES
            ],
        },
    }
    return context | changes


def minutes_context(**changes):
    """Return the context of a council meeting's minutes, with a results table."""
    context = {
        "parent_body": "Sở Tư pháp thành phố Cần Thơ",
        "issuing_body": "Hội đồng Thi đua - Khen thưởng thành phố Cần Thơ",
        "number": 3,
        "symbol": "BB-HĐTĐKT",
        "place": "Cần Thơ",
        "date": datetime.date(2026, 2, 2),
        "summary": "Họp xét khen thưởng năm 2025",
        "sections": [
            {"heading": "I. THÀNH PHẦN THAM DỰ", "paragraphs": ["Có mặt 9/11 thành viên Hội đồng."]},
            {
                "heading": "II. NỘI DUNG",
                "paragraphs": ["Hội đồng bỏ phiếu kín, kết quả như sau."],
                "table": {
                    "columns": ["STT", "Tên tập thể, cá nhân", "Hình thức khen thưởng", "Số phiếu đồng ý",
                                "Tỷ lệ % trên tổng số thành viên", "Kết quả"],
                    "rows": [
                        [1, TWO_LINE_COLLECTIVE, "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố", 10, "90,91%", "Đạt"],
                        [2, "Nguyễn Thị Ngọc Hà", "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố", 5, "45,45%",
                         "Không đạt tỷ lệ phiếu"],
                    ],
                },
                "notes": ["Tỷ lệ phiếu phải đạt: trên 50% tổng số thành viên Hội đồng."],
            },
            {"heading": "III. KẾT THÚC", "paragraphs": ["Cuộc họp kết thúc lúc 11 giờ 00 phút."]},
        ],
        "signatures": [
            {"lines": ["Thư ký Hội đồng"], "name": "Lê Thị Thu"},
            {"lines": ["Chủ tịch Hội đồng"], "name": "Trần Văn Đức"},
        ],
    }
    return context | changes


def certificate_context(**changes):
    """Return the context of one Bằng khen, on the digital page."""
    context = {
        "print_on_blank": False,
        "title": "Bằng khen",
        "authority": "Chủ tịch Ủy ban nhân dân thành phố Cần Thơ",
        "awardee": "Bà Nguyễn Thị Ngọc Hà",
        "awardee_detail": "Trợ giúp viên pháp lý, Trung tâm Trợ giúp pháp lý nhà nước",
        "achievement": "Đã có thành tích xuất sắc trong công tác trợ giúp pháp lý năm 2025",
        "place": "Cần Thơ",
        "date": datetime.date(2026, 1, 5),
        "signer_lines": ["KT. Chủ tịch", "Phó Chủ tịch"],
        "signer_name": "Trần Văn Đức",
        "decision": {"number": 12, "symbol": "QĐ-UBND", "date": datetime.date(2026, 1, 5)},
        "register_number": "125",
    }
    return context | changes


EMBLEM_BLUE = (0, 0, 255)


def emblem_png():
    """Return a stand-in for the official emblem the office uploads: a blue disc on a transparent square."""
    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((0, 0, 199, 199), fill=(*EMBLEM_BLUE, 255))
    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()
