"""Demo records: the pilot enterprise's historical, approved application (applicant_demo has none)."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from portal.models import ActivityLog

from .models import Application, ApplicationStatus, ReferenceCounter

TZ = ZoneInfo("Asia/Shanghai")
PILOT_REFERENCE = "TY-ESC-2020-0001"


@transaction.atomic
def seed_pilot_application(context: dict) -> None:
    pilot = context["organisations"]["pilot"]
    applicant_user = context["users"]["pilot_demo"]
    officer = context["users"]["bureau_demo"]
    head = context["users"]["bureau_head_demo"]
    if Application.objects.filter(reference_number=PILOT_REFERENCE).exists():
        return
    submitted = datetime(2020, 12, 10, 9, 30, tzinfo=TZ)
    accepted = datetime(2020, 12, 14, 15, 0, tzinfo=TZ)
    decided = datetime(2021, 3, 1, 10, 0, tzinfo=TZ)
    # Inserted directly in its final state: a historical record (the freeze refuses later changes).
    application = Application.objects.create(
        organisation=pilot, created_by=applicant_user, status=ApplicationStatus.APPROVED,
        reference_number=PILOT_REFERENCE, submitted_at=submitted, accepted_at=accepted, decided_at=decided,
        decision_reason="经评审小组材料审核、现场答辩和实地考察，综合得分 86.40 分，经公示无异议，确定为试点企业。",
        company_name=pilot.name, uscc=pilot.uscc, registered_district=pilot.registered_district,
        address=pilot.address, legal_representative="王建国", contact_name="王试点", contact_phone="0351-7000100",
        independent_legal_person=True, has_import_export_rights=True, violations_last_2_years=False,
        fiscal_arrears=False, credit_record_clean=True,
        registered_capital=Decimal("50000000.00"), paid_in_capital=Decimal("30000000.00"),
        net_assets=Decimal("42000000.00"),
        foreign_trade_experience="控股股东自 2012 年起从事汽车零部件出口，年出口额逾 8000 万元。",
        sourcing_capacity="与省内 30 余家二手车经销商及租赁公司签订车源合作协议，年整合车源 3000 辆以上。",
        overseas_channels="在哈萨克斯坦、乌兹别克斯坦、吉尔吉斯斯坦有长期合作经销商。",
        destination_policy_knowledge="熟悉中亚国家车辆进口关税、排放及认证要求，聘有当地法律顾问。",
        repair_parts_system="在阿拉木图自建维修中心一处，在塔什干与当地维修企业合作设立零配件仓库。",
        overseas_outlets=[
            {"name": "阿拉木图展销中心", "country": "KZ", "city": "Almaty", "ownership": "owned"},
            {"name": "塔什干合作网点", "country": "UZ", "city": "Tashkent", "ownership": "partner"},
        ],
        logistics_park_or_china_europe_railway="依托中欧班列（太原—阿拉木图）开展整车运输。",
        business_plan="以中亚为主要市场，逐步拓展至中东、非洲。",
        investment_plan="三年投资 6000 万元：车源采购周转 4000 万元，海外网点 1500 万元，信息化 500 万元。",
        business_model="国内集中采购整备、一车一检，经中欧班列运输，海外自有网点销售并提供售后。",
        export_targets=[
            {"year": 2021, "vehicles": 300, "value": "30000000.00"},
            {"year": 2022, "vehicles": 800, "value": "80000000.00"},
            {"year": 2023, "vehicles": 1500, "value": "150000000.00"},
        ],
    )
    counter, _created = ReferenceCounter.objects.get_or_create(year=2020)
    if counter.last_number < 1:
        counter.last_number = 1
        counter.save(update_fields=["last_number"])
    # The historical timeline carries its real dates, so rows are written here with `at` set.
    content_type = ContentType.objects.get_for_model(Application)
    history = [
        (submitted, "application.submitted", applicant_user, ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED),
        (accepted, "application.accepted", officer, ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED),
        (decided, "application.approved", head, ApplicationStatus.ACCEPTED, ApplicationStatus.APPROVED),
    ]
    for at, action, actor, from_status, to_status in history:
        ActivityLog.objects.create(content_type=content_type, object_id=str(application.pk), action=action,
                                   actor=actor, at=at, from_status=from_status, to_status=to_status)
