"""Where a certificate's texts sit on its landscape A4 page, and the checks of positions an office sets.

The same positions print the digital page; on a pre-printed blank (phôi) an award form may set its own,
measured on that blank. Offsets are mm from the page's top-left corner; "awardee" is the box of the
whole variable block (awardee, detail, achievement), which flows and shrinks to fit it.
"""

import base64

from django.utils.translation import gettext_lazy as _

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 297, 210

CERTIFICATE_POSITIONS = {
    "awardee": {"top": 78, "left": 30, "width": 237, "height": 58},
    "date_line": {"top": 140, "left": 160, "width": 115},
    "signer_lines": {"top": 147, "left": 160, "width": 115},
    "signer_name": {"top": 182, "left": 160, "width": 115},
    "decision": {"top": 172, "left": 30, "width": 115},
    "register_number": {"top": 178, "left": 30, "width": 115},
}
# The national emblem pushes the header down on the digital page: the block starts under the title.
BLOCK_UNDER_EMBLEM = {"top": 88, "height": 49}

POSITION_LABELS = {
    "awardee": _("Khối tên người được khen (họ tên, chức vụ, thành tích)"),
    "date_line": _("Địa danh, ngày tháng"),
    "signer_lines": _("Chức danh người ký"),
    "signer_name": _("Họ tên người ký"),
    "decision": _("Số, ngày quyết định"),
    "register_number": _("Số sổ"),
}
SIDE_LABELS = {"top": _("cách mép trên"), "left": _("cách mép trái"), "width": _("rộng"), "height": _("cao")}


def positions_with_defaults(positions):
    """Return every field's box: the positions given, completed side by side from the defaults."""
    positions = positions or {}
    return {field: default | (positions.get(field) or {}) for field, default in CERTIFICATE_POSITIONS.items()}


def position_problems(positions):
    """Return the Vietnamese reasons a set of positions cannot be printed: a negative size or a box off the page."""
    problems = []
    for field, box in positions_with_defaults(positions).items():
        label = POSITION_LABELS[field]
        for side, value in box.items():
            if side in ("width", "height") and value <= 0:
                problems.append(_("%(field)s: “%(side)s” phải lớn hơn 0 mm.") % {"field": label, "side": SIDE_LABELS[side]})
            elif value < 0:
                problems.append(_("%(field)s: “%(side)s” không được âm.") % {"field": label, "side": SIDE_LABELS[side]})
        if box["left"] + box["width"] > PAGE_WIDTH_MM:
            problems.append(_("%(field)s: lề trái cộng chiều rộng (%(end)s mm) vượt quá khổ trang rộng %(page)s mm.") % {
                "field": label, "end": f"{box['left'] + box['width']:g}", "page": PAGE_WIDTH_MM,
            })
        bottom = box["top"] + box.get("height", 0)
        if bottom >= PAGE_HEIGHT_MM:
            problems.append(_("%(field)s: vị trí (%(end)s mm) nằm ngoài trang cao %(page)s mm.") % {
                "field": label, "end": f"{bottom:g}", "page": PAGE_HEIGHT_MM,
            })
    return problems


def png_data_uri(png_bytes):
    """Return a PNG image as a data URI, so the layout reads it without a file store or the network."""
    return "data:image/png;base64," + base64.b64encode(png_bytes).decode("ascii")
