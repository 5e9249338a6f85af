"""Demo data: the accounts of api.md, and a hook for each app to add its own demo records."""

from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from .identifiers import make_org_code, make_uscc
from .models import Organisation, PilotStatus, User
from .roles import OrganisationKind, Role
from .twofactor import is_official

_SEEDERS: list[tuple[int, Callable[[dict], None]]] = []


def register(seeder: Callable[[dict], None], order: int = 100) -> None:
    """Apps add demo records in AppConfig.ready(); each seeder must be idempotent."""
    _SEEDERS.append((order, seeder))


PILOT_USCC = make_uscc("91140105" + make_org_code("MA0K7Q31"))
APPLICANT_USCC = make_uscc("91140109" + make_org_code("MA0TY2E5"))

ORGANISATIONS = {
    "bureau": dict(name="太原市商务局", name_en="Taiyuan Municipal Bureau of Commerce", kind=OrganisationKind.COMMERCE_BUREAU),
    "police": dict(
        name="太原市公安局交通管理局", name_en="Taiyuan Traffic Police", kind=OrganisationKind.POLICE
    ),
    "customs": dict(name="晋阳海关", name_en="Jinyang Customs", kind=OrganisationKind.CUSTOMS),
    "inspection": dict(
        name="山西晋检机动车检测评估有限公司",
        name_en="Shanxi Jinjian Vehicle Inspection Co., Ltd.",
        kind=OrganisationKind.INSPECTION_BODY,
        certificate_number="CMA-2021-001",
    ),
    "pilot": dict(
        name="太原晋出海汽车贸易有限公司",
        name_en="Taiyuan Jinchuhai Auto Trading Co., Ltd.",
        kind=OrganisationKind.ENTERPRISE,
        uscc=PILOT_USCC,
        registered_district="140105",
        pilot_status=PilotStatus.DESIGNATED,
        designated_on=date(2021, 3, 1),
        address="太原市小店区长治路 100 号",
    ),
    "applicant": dict(
        name="太原龙城国际车贸有限公司",
        name_en="Taiyuan Longcheng International Auto Co., Ltd.",
        kind=OrganisationKind.ENTERPRISE,
        uscc=APPLICANT_USCC,
        registered_district="140109",
        address="太原市万柏林区迎泽西大街 200 号",
    ),
}

ACCOUNTS = [
    ("pilot_demo", Role.ENTERPRISE_USER, "pilot", "王", "试点"),
    ("applicant_demo", Role.ENTERPRISE_USER, "applicant", "李", "申请"),
    ("bureau_demo", Role.BUREAU_OFFICER, "bureau", "张", "经办"),
    ("bureau_head_demo", Role.BUREAU_HEAD, "bureau", "赵", "处长"),
    ("expert1_demo", Role.EXPERT, None, "陈", "专家一"),
    ("expert2_demo", Role.EXPERT, "police", "刘", "专家二"),
    ("expert3_demo", Role.EXPERT, "customs", "杨", "专家三"),
    ("police_demo", Role.POLICE_OFFICER, "police", "黄", "民警"),
    ("customs_demo", Role.CUSTOMS_OFFICER, "customs", "周", "关员"),
    ("inspector_demo", Role.INSPECTOR, "inspection", "吴", "检测员"),
    ("auditor_demo", Role.AUDITOR, "bureau", "郑", "审计"),
]


@transaction.atomic
def seed(password: str | None = None) -> dict:
    password = password or settings.DEMO_PASSWORD
    orgs = {}
    for key, fields in ORGANISATIONS.items():
        org, _ = Organisation.objects.update_or_create(name=fields["name"], defaults=fields)
        orgs[key] = org
    users = {}
    for username, role, org_key, last, first in ACCOUNTS:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "organisation": orgs.get(org_key),
                "last_name": last,
                "first_name": first,
                "email": f"{username}@demo.invalid",
                "is_active": True,
            },
        )
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=role.value)])
        users[username] = user
        if settings.DEMO_TOTP_SECRET and is_official([role]):
            give_demo_authenticator(user, settings.DEMO_TOTP_SECRET)
    context = {"organisations": orgs, "users": users}
    from .official import ensure_demo_seal

    ensure_demo_seal()  # the documents' seal (GB/T 9704 印章), marked 演示
    for _order, seeder in sorted(_SEEDERS, key=lambda item: item[0]):
        seeder(context)
    return context


def give_demo_authenticator(user, secret: str) -> None:
    """api.md v1.1 "Authentication": the demo official's confirmed TOTP device, keyed by DEMO_TOTP_SECRET."""
    import base64

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .twofactor import TOTP_DEVICE_NAME

    cleaned = secret.strip().replace(" ", "").upper()
    key = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8)).hex()
    device = TOTPDevice.objects.filter(user=user, name=TOTP_DEVICE_NAME).order_by("id").first()
    if device is None:
        TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, key=key, confirmed=True)
    elif device.key != key or not device.confirmed:
        device.key, device.confirmed = key, True
        device.save(update_fields=["key", "confirmed"])
