"""Enter the real plans of seed_data/ as campaigns, and create the demo accounts on top of them."""

import datetime
from pathlib import Path

import yaml
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Organization, Person, User
from core.text import normalize

from .models import (
    AwardForm,
    Campaign,
    CampaignPeriod,
    Criterion,
    EligibleSubject,
    Participation,
    QuotaRule,
    Report,
    Task,
    numbering_key,
)

SEED_DIR = Path(__file__).resolve().parent / "seed_data"
IMPORT_NOTE = "Nhập từ văn bản gốc"
CHILDREN = ("periods", "criteria", "subjects", "award_forms", "tasks", "reports", "task_reports")
DEMO_WORLDS_DIR = SEED_DIR / "demo"
DEMO_NOTE = "Dữ liệu dùng thử"
DEMO_PASSWORD = "demo"
DEMO_MAIL_DOMAIN = "thidua.example.gov.vn"
DEMO_HOST = "127.0.0.1:8000"

OFFICE = "Sở Tư pháp thành phố Cần Thơ"
CENTRE = "Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ"
POLICE = "Công an thành phố Cần Thơ"
COURT = "Tòa án nhân dân thành phố Cần Thơ"
PROCURACY = "Viện kiểm sát nhân dân thành phố Cần Thơ"
CITY = "Ủy ban nhân dân thành phố Cần Thơ"
MINISTRY = "Bộ Tư pháp"
MINISTRY_OFFICE = "Vụ Thi đua - Khen thưởng"
LEGAL_AID_AGENCY = "Cục Trợ giúp pháp lý"

# username, full name, role, organization, note. The Director of the Sở Tư pháp chairs the
# inter-agency council (plan 67/KH-UBND) and signs: one person, two accounts, one role each.
DEMO_ACCOUNTS = [
    ("admin", "Lê Minh Tâm", User.Role.ADMINISTRATOR, None, "Trang quản trị /admin/"),
    ("sotuphap", "Nguyễn Thị Thu Hà", User.Role.STAFF, OFFICE, "Chuyên viên, Thường trực Hội đồng"),
    ("trungtam", "Trần Quốc Bảo", User.Role.UNIT, CENTRE, "Phó Giám đốc Trung tâm"),
    ("hoidong1", "Phạm Văn Lộc", User.Role.COUNCIL_MEMBER, OFFICE, "Chủ tịch Hội đồng"),
    ("hoidong2", "Huỳnh Thanh Phong", User.Role.COUNCIL_MEMBER, POLICE, "Ủy viên Hội đồng"),
    ("hoidong3", "Võ Thị Ngọc Hân", User.Role.COUNCIL_MEMBER, COURT, "Ủy viên Hội đồng"),
    ("hoidong4", "Đặng Minh Trí", User.Role.COUNCIL_MEMBER, PROCURACY, "Ủy viên Hội đồng"),
    ("hoidong5", "Lâm Thị Kim Ngân", User.Role.COUNCIL_MEMBER, CENTRE, "Thư ký Hội đồng"),
    ("lanhdao", "Phạm Văn Lộc", User.Role.LEADER, OFFICE, "Giám đốc Sở Tư pháp"),
    ("chutich", "Trần Việt Trường", User.Role.LEADER, CITY, "Chủ tịch UBND thành phố (ký Bằng khen của Chủ tịch)"),
    # The Ministry (seed 001): its office, the sector council and the Minister, to whom provinces propose the best.
    ("vutdkt", "Hoàng Thị Minh Thư", User.Role.STAFF, MINISTRY_OFFICE, "Chuyên viên Vụ TĐKT, Thường trực Hội đồng ngành"),
    ("botruong", "Lê Quang Hưng", User.Role.LEADER, MINISTRY, "Bộ trưởng Bộ Tư pháp (ký Bằng khen của Bộ trưởng)"),
    ("hoidongbo1", "Nguyễn Văn Khánh", User.Role.COUNCIL_MEMBER, MINISTRY, "Chủ tịch Hội đồng ngành Tư pháp"),
    ("hoidongbo2", "Đỗ Thị Lan Anh", User.Role.COUNCIL_MEMBER, MINISTRY_OFFICE, "Ủy viên, Vụ trưởng Vụ TĐKT"),
    ("hoidongbo3", "Bùi Đức Thắng", User.Role.COUNCIL_MEMBER, LEGAL_AID_AGENCY, "Ủy viên, Cục trưởng Cục TGPL"),
]

CAN_THO_PLAN = "67/KH-UBND"
MINISTRY_PLAN = "157/QĐ-BTP"
DEMO_DAYS_TO_NOMINATE = 30
DEMO_DAYS_TO_AWARD = 45
# organization, participating collectives, participating individuals: the base of the 10% / 5% Bằng khen cap.
DEMO_PARTICIPATION = [(CENTRE, 3, 20), (POLICE, 12, 60), (COURT, 8, 45), (PROCURACY, 8, 40)]

# full name, gender, date of birth, position, title, organization
DEMO_PEOPLE = [
    ("Nguyễn Thị Mỹ Linh", Person.Gender.FEMALE, datetime.date(1984, 3, 12), "Trưởng phòng Nghiệp vụ",
     "Trợ giúp viên pháp lý", CENTRE),
    ("Lê Hoàng Nam", Person.Gender.MALE, datetime.date(1990, 9, 2), "",
     "Trợ giúp viên pháp lý", CENTRE),
    ("Trương Văn Khải", Person.Gender.MALE, datetime.date(1978, 11, 20), "",
     "Luật sư ký hợp đồng thực hiện trợ giúp pháp lý", CENTRE),
    ("Nguyễn Thanh Tùng", Person.Gender.MALE, datetime.date(1976, 5, 8), "Phó Chánh tòa Hình sự",
     "Thẩm phán", COURT),
    ("Trần Thị Bích Ngọc", Person.Gender.FEMALE, datetime.date(1986, 1, 25), "",
     "Thẩm phán", COURT),
    ("Phan Thị Thu Trang", Person.Gender.FEMALE, datetime.date(1982, 7, 14), "Phó Trưởng phòng",
     "Kiểm sát viên", PROCURACY),
    ("Đỗ Quang Vinh", Person.Gender.MALE, datetime.date(1980, 12, 3), "Đội trưởng",
     "Điều tra viên", POLICE),
    ("Châu Ngọc Diễm", Person.Gender.FEMALE, datetime.date(1993, 4, 30), "",
     "Cán bộ điều tra", POLICE),
]


def read_yaml(path):
    """Read a data file with every string in NFC and the mistaken ƣ letters mended."""
    with open(path, encoding="utf-8") as file:
        return _normalized(yaml.safe_load(file))


def _normalized(value):
    if isinstance(value, str):
        return normalize(value)
    if isinstance(value, list):
        return [_normalized(item) for item in value]
    if isinstance(value, dict):
        return {key: _normalized(item) for key, item in value.items()}
    return value


def find(queryset, **lookup):
    """Return the one row a data file names, or refuse the file."""
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist:
        raise ValidationError(f"{queryset.model.__name__} not found: {lookup}") from None


def save_valid(model, lookup, values):
    """Create or update the row found by its natural key, refusing invalid data; return (row, created)."""
    unknown = set(values) - {field.name for field in model._meta.concrete_fields}
    if unknown:
        raise ValidationError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
    row = model.objects.filter(**lookup).first()
    created = row is None
    if created:
        row = model(**lookup)
    for name, value in values.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    return row, created


def load_seed_data(directory=SEED_DIR):
    """Load organizations.yaml, then each campaign file in name order; return (campaign, created) pairs."""
    directory = Path(directory)
    load_organizations(directory / "organizations.yaml")
    return [load_campaign(path) for path in sorted((directory / "campaigns").glob("*.yaml"))]


@transaction.atomic
def load_organizations(path):
    """Create or update the organizations of a data file, each listed after its parent."""
    for item in read_yaml(path):
        parent = item.pop("parent", None)
        item["parent"] = find(Organization.objects, name=parent) if parent else None
        save_valid(Organization, {"name": item.pop("name", "")}, item)


@transaction.atomic
def load_campaign(path):
    """Create or update one plan and everything it defines; return (campaign, created)."""
    data = read_yaml(path)
    children = {key: data.pop(key, []) for key in CHILDREN}
    campaign, created = save_campaign(data)
    for item in children["periods"]:
        save_valid(CampaignPeriod, {"campaign": campaign, "name": item.pop("name", "")}, item)
    save_criteria(campaign, children["criteria"])
    for item in children["subjects"]:
        lookup = {"campaign": campaign, "kind": item.pop("kind", ""), "description": item.pop("description", "")}
        save_valid(EligibleSubject, lookup, item)
    for item in children["award_forms"]:
        item["granting_organization"] = find(Organization.objects, name=item.get("granting_organization"))
        rules = item.pop("quota_rules", [])
        award_form, _created = save_valid(AwardForm, {"campaign": campaign, "name": item.pop("name", "")}, item)
        award_form.quota_rules.all().delete()
        for rule in rules:
            save_valid(QuotaRule, {"campaign": campaign, "award_form": award_form, **rule}, {})
    for item in children["tasks"]:
        save_task(campaign, item)
    for item in children["reports"]:
        save_report(campaign, item)
    if children["task_reports"]:
        save_task_reports(campaign, children["task_reports"])
    return campaign, created


def save_campaign(data):
    """Create or update the plan itself; a new one enters its stated status with one history row."""
    issuer = find(Organization.objects, name=data.pop("issuing_organization", None))
    lookup = {"issuing_organization": issuer, "number": data.pop("number", "")}
    history = data.pop("history", [])
    status = history[-1]["status"] if history else data.pop("status", Campaign.Status.DRAFT)
    # The file gives the status at import; later moves are made in the portal, and a reload keeps them.
    if not Campaign.objects.filter(**lookup).exists():
        data["status"] = status
    if "implements" in data:
        data["implements"] = find(Campaign.objects, number=data["implements"])
    campaign, created = save_valid(Campaign, lookup, data)
    if created and history:
        save_dated_history(campaign, Campaign.Status.DRAFT, history)
    elif created and campaign.status != Campaign.Status.DRAFT:
        campaign.history.create(
            from_status=Campaign.Status.DRAFT, to_status=campaign.status, actor=None, note=IMPORT_NOTE
        )
    return campaign, created


def save_dated_history(row, from_status, steps, actors=None):
    """Write the moves a document (or the demo) dates, each at 09:00 of its day: [{status, date, note?}]."""
    actors = actors or {}
    for step in steps:
        entry = row.history.create(
            from_status=from_status, to_status=step["status"], actor=actors.get(step["status"]),
            note=step.get("note", IMPORT_NOTE),
        )
        # created_at is set on creation: the document's own date is written after.
        row.history.filter(pk=entry.pk).update(created_at=at_nine(step["date"]))
        from_status = step["status"]


def at_nine(day):
    """09:00 in Asia/Ho_Chi_Minh on that day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def save_criteria(campaign, items):
    """Save criteria parents first: "1.2" is a child of "1"."""
    saved = {}
    for item in sorted(items, key=lambda item: numbering_key(item["number"])):
        number = item.pop("number")
        parent_number = number.rpartition(".")[0]
        if parent_number and parent_number not in saved:
            raise ValidationError(f"Criterion {number} of {campaign.number} has no criterion {parent_number}")
        item["parent"] = saved.get(parent_number)
        saved[number], _created = save_valid(Criterion, {"campaign": campaign, "number": number}, item)


def save_task(campaign, item):
    """Save a task with its lead unit and exactly the coordinating units the file names."""
    coordinating = [find(Organization.objects, name=name) for name in item.pop("coordinating_organizations", [])]
    if item.get("lead_organization"):
        item["lead_organization"] = find(Organization.objects, name=item["lead_organization"])
    task, _created = save_valid(Task, {"campaign": campaign, "number": item.pop("number", "")}, item)
    task.coordinating_organizations.set(coordinating)


def save_report(campaign, item):
    """Save a report a unit owes (or one for each unit of `organizations`), tied to a period or a task when named."""
    names = item.pop("organizations", None) or [item.pop("organization", None)]
    if "period" in item:
        item["period"] = find(campaign.periods, name=item["period"])
    if "task" in item:
        item["task"] = find(campaign.tasks, number=item["task"])
    title = item.pop("title", "")
    for name in names:
        organization = find(Organization.objects, name=name)
        save_valid(Report, {"campaign": campaign, "organization": organization, "title": title}, dict(item))


def save_task_reports(campaign, spec):
    """Each period (a year): a report per task from its lead unit, one from each coordinating unit, and the summary."""
    tasks = sorted(campaign.tasks.select_related("lead_organization").prefetch_related("coordinating_organizations"),
                   key=lambda task: task.sort_key)
    for period in campaign.periods.all():
        year = period.ends_on.year
        unit_due = datetime.date.fromisoformat(f"{year}-{spec['unit_due']}")
        for task in tasks:
            owed = [(task.lead_organization, spec["lead_title"])] if task.lead_organization else []
            owed += [(unit, spec["coordinating_title"]) for unit in task.coordinating_organizations.all()]
            for unit, title in owed:
                save_valid(
                    Report, {"campaign": campaign, "organization": unit, "title": title.format(task=task.number, year=year)},
                    {"kind": Report.Kind.TASK, "period": period, "task": task, "due_date": unit_due},
                )
        save_valid(
            Report,
            {"campaign": campaign, "organization": find(Organization.objects, name=spec["summary_organization"]),
             "title": spec["summary_title"].format(year=year)},
            {"kind": Report.Kind.SUMMARY, "period": period,
             "due_date": datetime.date.fromisoformat(f"{year}-{spec['summary_due']}")},
        )


def summary_line(campaign, created):
    """Describe a loaded campaign in one line."""
    counts = ", ".join(
        f"{manager.count()} {label}"
        for label, manager in [
            ("periods", campaign.periods), ("criteria", campaign.criteria), ("subjects", campaign.subjects),
            ("award forms", campaign.award_forms), ("tasks", campaign.tasks), ("reports", campaign.reports),
        ]
    )
    action = "created" if created else "updated"
    return f"{campaign.number} ({campaign.issuing_organization}): {action}, {campaign.get_status_display()}; {counts}"


@transaction.atomic
def create_demo():
    """Create the demo people, participation and accounts of the Cần Thơ units; return (account, note) pairs."""
    for full_name, gender, date_of_birth, position, title, organization in DEMO_PEOPLE:
        Person.objects.update_or_create(
            full_name=full_name, organization=Organization.objects.get(name=organization),
            defaults={"gender": gender, "date_of_birth": date_of_birth, "position": position, "title": title},
        )
    can_tho = Campaign.objects.get(number=CAN_THO_PLAN)
    for organization, collectives, individuals in DEMO_PARTICIPATION:
        Participation.objects.update_or_create(
            campaign=can_tho, organization=Organization.objects.get(name=organization),
            defaults={"collective_count": collectives, "individual_count": individuals},
        )
    # The 2025 plan's deadlines have passed: the demo replays it with them ahead, so every step can be tried.
    today = timezone.localdate()
    can_tho.nomination_deadline = today + datetime.timedelta(days=DEMO_DAYS_TO_NOMINATE)
    can_tho.award_deadline = today + datetime.timedelta(days=DEMO_DAYS_TO_AWARD)
    can_tho.save(update_fields=["nomination_deadline", "award_deadline"])
    replay_ministry_plan(can_tho, today)
    return [
        (save_demo_user(username, full_name, role, organization), note)
        for username, full_name, role, organization, note in DEMO_ACCOUNTS
    ]


def replay_ministry_plan(can_tho, today):
    """Replay plan 157/QĐ-BTP as launched for the provinces, with the Cần Thơ plan implementing it.

    The 2022 plan is concluded; the demo relaunches it (recorded in its history) so that the Sở can
    forward its best dossiers to the Minister's Bằng khen, and the Ministry's office receives them.
    """
    ministry_plan = Campaign.objects.get(number=MINISTRY_PLAN)
    if ministry_plan.status != Campaign.Status.LAUNCHED:
        ministry_plan.history.create(
            from_status=ministry_plan.status, to_status=Campaign.Status.LAUNCHED, actor=None,
            note="Dữ liệu dùng thử: phát động lại để các tỉnh đề nghị Bằng khen của Bộ trưởng",
        )
        ministry_plan.status = Campaign.Status.LAUNCHED
    ministry_plan.nomination_deadline = today + datetime.timedelta(days=DEMO_DAYS_TO_AWARD)
    ministry_plan.award_deadline = today + datetime.timedelta(days=2 * DEMO_DAYS_TO_AWARD)
    ministry_plan.save(update_fields=["status", "nomination_deadline", "award_deadline"])
    can_tho.implements = ministry_plan
    can_tho.save(update_fields=["implements"])


def save_demo_user(username, full_name, role, organization):
    """Create or update one demo account; its password is set only when it is created."""
    is_administrator = role == User.Role.ADMINISTRATOR
    user, created = User.objects.update_or_create(
        username=username,
        defaults={
            "full_name": full_name, "role": role, "is_staff": is_administrator, "is_superuser": is_administrator,
            "email": f"{username}@{DEMO_MAIL_DOMAIN}",
            "organization": Organization.objects.get(name=organization) if organization else None,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def load_demo_worlds(directory=DEMO_WORLDS_DIR):
    """Load each plan's demo world (its accounts and the reports its units sent); return (plan, [(user, note)])."""
    return [load_demo_world(path) for path in sorted(Path(directory).glob("*.yaml"))]


@transaction.atomic
def load_demo_world(path):
    """Create one plan's demo accounts, then give its reports the states the file tells (once: later moves stay)."""
    data = read_yaml(path)
    campaign = find(Campaign.objects, number=data["plan"])
    accounts = [
        (save_demo_user(item["username"], item["full_name"], item["role"], item["organization"]), item.get("note", ""))
        for item in data.get("accounts", [])
    ]
    office = next((user for user, _note in accounts if user.role == User.Role.STAFF), None)
    for item in data.get("reports", []):
        save_report_states(campaign, item, office=office)
    return campaign, accounts


def save_report_states(campaign, item, *, office):
    """Give the matching reports still untouched (owed, no history) the state the demo file tells, with its dates."""
    reports = campaign.reports.filter(status=Report.Status.OWED, history__isnull=True, title__contains=item["title_contains"])
    if "organization" in item:
        reports = reports.filter(organization=find(Organization.objects, name=item["organization"]))
    state = item["state"]
    if state == Report.Status.OWED:
        return
    submitted_on = item["submitted_on"]
    evaluated_on = item.get("evaluated_on", submitted_on + datetime.timedelta(days=7))
    for report in reports.select_related("organization"):
        unit_user = report.organization.users.filter(role=User.Role.UNIT).first()
        report.status, report.content, report.figures = state, item["content"], item.get("figures", "")
        report.evaluation, report.submitted_by = item.get("evaluation", ""), unit_user
        report.submitted_at = at_nine(submitted_on)
        report.full_clean()
        report.save()
        steps = [{"status": Report.Status.SUBMITTED, "date": submitted_on, "note": DEMO_NOTE}]
        if state != Report.Status.SUBMITTED:
            steps.append({"status": state, "date": evaluated_on, "note": item.get("evaluation", "")})
        save_dated_history(report, Report.Status.OWED, steps, actors={state: office, Report.Status.SUBMITTED: unit_user})
