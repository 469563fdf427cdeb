"""Read a draft plan from the text of a Kế hoạch (or a Quyết định ban hành Kế hoạch).

A rule-based reader: regular expressions on the standard parts of Vietnamese administrative
documents (Decree 30/2020). Each value comes with the words it was read from, so the office can
check it against the source before confirming; nothing is saved here.
"""

import calendar
import datetime
import html
import re
import zipfile
from dataclasses import dataclass, field

from pypdf import PdfReader

from accounts.models import Organization
from core.text import fold, normalize

ROMAN_HEADING = re.compile(r"^[IVX]+\.\s+(.+)$")
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.\s+(.+)$")
LETTERED = re.compile(r"^([a-zđ])\)\s+(.+)$")
SYMBOL = r"(?:\d{4}/)?[A-ZĐ]+(?:-[A-ZĐ0-9]+)+"
NUMBER_LINE = re.compile(rf"^Số\s*:?\s*(\d+)\s*/\s*({SYMBOL})")
NUMBER_IN_PROSE = re.compile(rf"(?:ban hành|Ban hành kèm theo)\s+(?:Kế hoạch|Quyết định)\s+số\s+(\d+)/({SYMBOL})")
DATE_WORDS = r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
DATE_DIGITS = r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})"
PLACE_DATE = re.compile(rf"^([A-ZĐÂ][^\d,]{{1,40}}),\s+{DATE_WORDS}$")
SPAN = re.compile(rf"từ\s+(?:{DATE_WORDS}|{DATE_DIGITS})\s+đến\s+(?:hết\s+)?(?:{DATE_WORDS}|{DATE_DIGITS})")
HALF_YEAR = re.compile(r"(6|sáu) tháng (đầu|cuối) năm (\d{4})")
YEARS = re.compile(r"giai đoạn (\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
BEFORE = re.compile(r"trước ngày\s+(?:(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})|(\d{1,2})/(\d{1,2})/(\d{4}))")
PERIOD = re.compile(rf"Giai đoạn\s+(\d+):\s+{SPAN.pattern}")
# "trên địa bàn tỉnh Cao Bằng": the place names a plan written without its header.
PLACE_IN_PROSE = re.compile(r"trên địa bàn (?:tỉnh|thành phố) ((?:[A-ZĐ][a-zà-ỹđ]+)(?: [A-ZĐ][a-zà-ỹđ]+)*)")
SIGNING_LINE = re.compile(r"^(?:(?:TM|KT|TL|TUQ|Q)\.\s+)?[A-ZĐÂÊÔƠƯĂÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ .]+$")
AWARD_KINDS = [
    ("bằng khen", "bang_khen"), ("giấy khen", "giay_khen"), ("cờ thi đua", "co_thi_dua"),
    ("chiến sĩ thi đua", "chien_si_thi_dua"), ("danh hiệu", "danh_hieu"), ("biểu dương", "bieu_duong"),
]
# The body a plan's symbol names: "KH-UBND" is issued by a People's Committee.
ISSUERS = {"UBND": "Ủy ban nhân dân", "STP": "Sở Tư pháp", "BTP": "Bộ Tư pháp", "SNV": "Sở Nội vụ"}


@dataclass(frozen=True)
class Found:
    """A value read from the plan, with the words it was read from."""

    value: object
    source: str


@dataclass
class PlanReading:
    """What the reader found: the plan's fields, and its parts (criteria, award forms, periods, tasks...)."""

    fields: dict = field(default_factory=dict)
    parts: dict = field(default_factory=dict)

    def value(self, name, default=None):
        found = self.fields.get(name)
        return found.value if found else default


def reading_initial(reading):
    """The plan form's initial values: what was read, lists as one item a line, the issuer matched by name."""
    initial = {name: found.value for name, found in reading.fields.items()}
    for name in ("legal_bases", "recipients"):
        if name in initial:
            initial[name] = "\n".join(initial[name])
    issuer = initial.pop("issuing_organization", None)
    if issuer:
        initial["issuing_organization"] = Organization.objects.filter(search_text__startswith=fold(issuer)).first()
    return initial


def text_of_file(upload):
    """The text of an uploaded plan: plain text, Word (.docx) or a PDF with a text layer."""
    name = upload.name.lower()
    if name.endswith(".docx"):
        with zipfile.ZipFile(upload) as package:
            document = package.read("word/document.xml").decode("utf-8")
        paragraphs = re.findall(r"<w:p[ >].*?</w:p>", document, re.S)
        return "\n\n".join(html.unescape("".join(re.findall(r"<w:t[^>]*>(.*?)</w:t>", p, re.S))) for p in paragraphs)
    if name.endswith(".pdf"):
        return "\n".join(page.extract_text() or "" for page in PdfReader(upload).pages)
    return upload.read().decode("utf-8", errors="replace")


def read_plan(text):
    """Read every field and part that the text states."""
    lines = _lines(text)
    paragraphs = _paragraphs(lines)
    reading = PlanReading()
    for reader in (_number, _place_and_date, _title, _issuer, _signature, _legal_bases, _sections, _timing):
        reader(lines, paragraphs, reading)
    _kind(reading)
    return reading


def _lines(text):
    text = normalize(text).replace("*", "").replace("\xa0", " ")
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]


def _paragraphs(lines):
    """Paragraphs: lines joined until a blank line; a list item ("- …", "1.", "a)") starts a new one."""
    paragraphs, current = [], []
    for line in lines + [""]:
        starts_item = line.startswith(("- ", "+ ")) or NUMBERED.match(line) or LETTERED.match(line)
        if current and (not line or starts_item):
            paragraphs.append(" ".join(current))
            current = []
        if line:
            current.append(line)
    return paragraphs


def _date(day, month, year):
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _first_date(groups):
    """The date among regex groups that hold either (d, m, y) in words or (d, m, y) in digits."""
    values = [value for value in groups if value]
    return _date(*values[:3]) if len(values) >= 3 else None


def _number(lines, paragraphs, reading):
    for line in lines:
        match = NUMBER_LINE.match(line)
        if match:
            reading.fields["number"] = Found(f"{match[1]}/{match[2]}", line)
            return
    for paragraph in paragraphs:
        match = NUMBER_IN_PROSE.search(paragraph)
        if match:
            reading.fields["number"] = Found(f"{match[1]}/{match[2]}", match[0])
            return


def _place_and_date(lines, paragraphs, reading):
    for line in lines:
        match = PLACE_DATE.match(line)
        if match:
            reading.fields["issue_place"] = Found(match[1].strip(), line)
            reading.fields["issue_date"] = Found(_date(match[2], match[3], match[4]), line)
            return
    for paragraph in paragraphs:
        match = re.search(rf"Kế hoạch số \S+ (?:{DATE_DIGITS}|{DATE_WORDS})", paragraph)
        if match:
            reading.fields["issue_date"] = Found(_first_date(match.groups()), match[0])
            place = PLACE_IN_PROSE.search(" ".join(paragraphs))
            if place:
                reading.fields["issue_place"] = Found(place[1], place[0])
            return


def _title(lines, paragraphs, reading):
    """The summary after the last "KẾ HOẠCH" heading, or the document's first line when it has none."""
    headings = [index for index, paragraph in enumerate(paragraphs) if paragraph == "KẾ HOẠCH"]
    title = paragraphs[headings[-1] + 1] if headings else next(line for line in lines if line)
    reading.fields["title"] = Found(title, title)


def _issuer(lines, paragraphs, reading):
    number = reading.value("number", "")
    symbol = number.rsplit("-", 1)[-1] if "-" in number else ""
    body = ISSUERS.get(symbol)
    if body is None:
        return
    place = reading.value("issue_place", "")
    if body == "Bộ Tư pháp" or not place:
        reading.fields["issuing_organization"] = Found(body, number)
        return
    level = "thành phố" if re.search(rf"{body} thành phố", " ".join(paragraphs), re.IGNORECASE) else "tỉnh"
    reading.fields["issuing_organization"] = Found(f"{body} {level} {place}", number)


def _signature(lines, paragraphs, reading):
    """The signing line (TM./KT. and titles, in capitals) and the signer's name below it, at the end."""
    # A Word file puts each line of the block in a paragraph of its own: blank lines do not end it.
    lines = [line for line in lines if line]
    ends = [index for index, line in enumerate(lines) if SIGNING_LINE.match(line) and _is_signing(line)]
    if not ends:
        return
    start = ends[-1]
    while start > 0 and SIGNING_LINE.match(lines[start - 1]) and not lines[start - 1].startswith("-"):
        start -= 1
    block = lines[start:ends[-1] + 1]
    # The first full name below the titles (a lone word there is the scanned signature).
    name = next((line for line in lines[ends[-1] + 1:] if " " in line and not SIGNING_LINE.match(line)), None)
    reading.fields["signing_authority"] = Found(" / ".join(block), "\n".join(block))
    if name:
        reading.fields["signer_name"] = Found(name, name)


def _is_signing(line):
    words = ("CHỦ TỊCH", "BỘ TRƯỞNG", "GIÁM ĐỐC", "THỨ TRƯỞNG", "TRƯỞNG", "ỦY BAN NHÂN DÂN")
    return any(word in line for word in words) and not line.startswith(("KẾ HOẠCH", "QUYẾT ĐỊNH", "CỘNG HÒA"))


def _legal_bases(lines, paragraphs, reading):
    """Each "Căn cứ …" line, or the instruments of the opening "Thực hiện …" sentence."""
    bases = [paragraph for paragraph in paragraphs if paragraph.startswith("Căn cứ ")]
    source = "\n".join(bases)
    if not bases:
        opening = next((p for p in paragraphs if p.startswith("Thực hiện ")), None)
        if opening is None:
            return
        instruments = re.split(r"\.\s+(?=[A-ZĐỦ])", opening[len("Thực hiện "):], maxsplit=1)[0]
        instruments = re.split(r",\s+(?:Ủy ban nhân dân|Sở Tư pháp|Bộ Tư pháp)\s.*$", instruments)[0]
        bases = [part.strip(" ;,") for part in re.split(r";\s*|,\s+(?=(?:Công văn|Quyết định|Kế hoạch|Chỉ thị|Nghị quyết|Thông tư)\s+số)", instruments)]
        bases = [base[0].upper() + base[1:] for base in bases if base]
        source = opening
    reading.fields["legal_bases"] = Found([base.removeprefix("Căn cứ ") for base in bases], source)


def _sections(lines, paragraphs, reading):
    """The roman-numbered sections: purposes, subjects, award forms, criteria, tasks, implementation."""
    section, collected = None, {}
    for paragraph in paragraphs:
        heading = ROMAN_HEADING.match(paragraph)
        if heading and heading[1].isupper():
            section = fold(heading[1])
            continue
        if paragraph.startswith("Nơi nhận"):
            section = "noi nhan"
            continue
        if section:
            collected.setdefault(section, []).append(paragraph)
    for name, body in collected.items():
        if "muc dich" in name:
            _purposes(body, reading)
        if "doi tuong" in name or "khen thuong" in name:
            _subjects_and_awards(body, reading)
        if "noi dung" in name:
            _criteria(body, reading)
        if "nhiem vu" in name:
            _tasks(body, reading)
        if name == "noi nhan":
            # A lone letter after the last line is a scanning artefact (the initials of the typist).
            listed = [line for line in body if line.startswith("-")]
            recipients = [re.sub(r"\s+[a-z]$", "", line).lstrip("- ").rstrip(";.") for line in listed]
            reading.parts["recipients"] = recipients
            reading.fields["recipients"] = Found(recipients, "\n".join(listed))
        if "to chuc thuc hien" in name:
            reading.fields["implementation"] = Found("\n".join(_until_closing(body)), "\n".join(body))


def _until_closing(body):
    return [paragraph for paragraph in body if not paragraph.startswith(("Trên đây", "Trong quá trình"))]


def _purposes(body, reading):
    purposes, requirements, current = [], [], None
    for paragraph in body:
        if re.match(r"^\d+\.\s+Mục đích", paragraph):
            current = purposes
        elif re.match(r"^\d+\.\s+Yêu cầu", paragraph):
            current = requirements
        elif current is not None:
            current.append(paragraph)
        else:
            purposes.append(paragraph)
    if purposes:
        reading.fields["purposes"] = Found("\n".join(purposes), "\n".join(purposes))
    if requirements:
        reading.fields["requirements"] = Found("\n".join(requirements), "\n".join(requirements))


def _subjects_and_awards(body, reading):
    for paragraph in body:
        subject = re.match(r"^(?:[a-z]\)\s+)?Đối với (tập thể|cá nhân)\s*:\s*(.+)$", paragraph)
        if subject:
            kind = "collective" if subject[1] == "tập thể" else "individual"
            reading.parts.setdefault("subjects", []).append({"kind": kind, "description": subject[2].rstrip(";.")})
        award = re.match(r"^-\s+((?:Bằng khen|Giấy khen|Cờ thi đua|Chiến sĩ thi đua|Danh hiệu)[^;.]*)", paragraph)
        if award:
            _add_award_form(reading, award[1], paragraph)
    if "award_forms" not in reading.parts:
        # Some plans name the award in a sentence: "… đề nghị Bộ trưởng Bộ Tư pháp tặng Bằng khen".
        for paragraph in body:
            award = re.search(r"(?:đề nghị\s+)?(Bộ trưởng [^,;.]+?|Chủ tịch [^,;.]+?|Giám đốc [^,;.]+?)\s+tặng\s+(Bằng khen|Giấy khen)", paragraph)
            if award:
                _add_award_form(reading, f"{award[2]} của {award[1]}", award[0])
                break


def _add_award_form(reading, name, source):
    name = name.strip()
    lowered = name.lower()
    kind = next((code for words, code in AWARD_KINDS if lowered.startswith(words)), "danh_hieu")
    authority = name.split(" của ", 1)[1] if " của " in name else ""
    forms = reading.parts.setdefault("award_forms", [])
    if all(form["name"] != name for form in forms):
        forms.append({"name": name, "kind": kind, "signer_title": authority, "source": source})


def _criteria(body, reading):
    criteria = []
    for paragraph in body:
        numbered = NUMBERED.match(paragraph)
        if numbered:
            criteria.append({"number": numbered[1], "text": numbered[2]})
        elif criteria and not LETTERED.match(paragraph):
            criteria[-1]["text"] += "\n" + paragraph.lstrip("- ")
    if criteria:
        reading.parts["criteria"] = criteria


def _tasks(body, reading):
    """Numbered tasks with their "Đơn vị chủ trì", "Đơn vị phối hợp" and "Thời gian thực hiện" lines."""
    tasks = []
    for paragraph in body:
        numbered = re.match(r"^(\d+)\.\s+(.+)$", paragraph)
        if numbered:
            tasks.append({"number": numbered[1], "title": numbered[2], "lead": "", "coordinating": "", "timing": ""})
            continue
        if not tasks:
            continue
        for key, label in (("lead", "chủ trì"), ("coordinating", "phối hợp"), ("timing", "Thời gian thực hiện")):
            match = re.match(rf"^-\s+(?:[\w ,]*?){label}\s*:\s*(.+?)\.?$", paragraph)
            if match:
                tasks[-1][key] = match[1]
    if tasks:
        reading.parts["tasks"] = tasks


def _timing(lines, paragraphs, reading):
    """The campaign's span and deadlines, in whichever way the plan states them."""
    text = " ".join(paragraphs)
    periods = [
        {"name": f"Giai đoạn {match[1]}", "starts_on": _first_date(match.groups()[1:7]), "ends_on": _first_date(match.groups()[7:])}
        for match in PERIOD.finditer(text)
    ]
    if periods:
        reading.parts["periods"] = periods
        reading.fields["starts_on"] = Found(periods[0]["starts_on"], "Giai đoạn 1")
        reading.fields["ends_on"] = Found(periods[-1]["ends_on"], f"Giai đoạn {len(periods)}")
    else:
        _span(paragraphs, reading)
        _yearly_periods(text, reading)
    for paragraph in paragraphs:
        if re.search(r"khen thưởng", paragraph, re.IGNORECASE) and (match := BEFORE.search(paragraph)):
            reading.fields["award_deadline"] = Found(_first_date(match.groups()), match[0])
            break


def _span(paragraphs, reading):
    for paragraph in paragraphs:
        if match := SPAN.search(paragraph):
            reading.fields["starts_on"] = Found(_first_date(match.groups()[:6]), match[0])
            reading.fields["ends_on"] = Found(_first_date(match.groups()[6:]), match[0])
            return
        if match := HALF_YEAR.search(paragraph):
            year = int(match[3])
            first_half = match[2] == "đầu"
            starts, ends = (1, 6) if first_half else (7, 12)
            reading.fields["starts_on"] = Found(datetime.date(year, starts, 1), match[0])
            reading.fields["ends_on"] = Found(datetime.date(year, ends, calendar.monthrange(year, ends)[1]), match[0])
            return
    for paragraph in paragraphs:
        if match := YEARS.search(paragraph):
            reading.fields["starts_on"] = Found(datetime.date(int(match[1]), 1, 1), match[0])
            reading.fields["ends_on"] = Found(datetime.date(int(match[2]), 12, 31), match[0])
            return


def _yearly_periods(text, reading):
    """A plan over several years evaluated "hằng năm" gets one period a year."""
    starts, ends = reading.value("starts_on"), reading.value("ends_on")
    if starts and ends and ends.year > starts.year and re.search(r"hằng năm|hàng năm", text, re.IGNORECASE):
        reading.parts["periods"] = [
            {"name": f"Năm {year}", "starts_on": datetime.date(year, 1, 1), "ends_on": datetime.date(year, 12, 31)}
            for year in range(starts.year, ends.year + 1)
        ]


def _kind(reading):
    """Review, multi-year, thematic or annual, from what the plan says of itself."""
    title = reading.value("title", "")
    folded = fold(title)
    starts, ends = reading.value("starts_on"), reading.value("ends_on")
    if "tong ket" in folded:
        kind, source = "review", "Tổng kết"
    elif starts and ends and ends.year > starts.year:
        kind, source = "multi_year", f"{starts:%d/%m/%Y} – {ends:%d/%m/%Y}"
    elif "phat dong" in folded or "cao diem" in folded:
        kind, source = "thematic", "phát động" if "phat dong" in folded else "cao điểm"
    else:
        kind, source = "annual", ""
    reading.fields["kind"] = Found(kind, source)
