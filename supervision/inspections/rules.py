"""Rules of 双随机、一公开 (国务院办公厅关于推广随机抽查规范事中事后监管的通知，国办发〔2015〕58号), each
naming its source."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from portal.errors import Rule
from portal.models import PilotStatus

ARTICLE = "国办发〔2015〕58号"
RESULT_PUBLICATION_WORKING_DAYS = 20  # 国办发〔2015〕58号: results made public promptly; here 20 working days

NO_ENTERPRISES = Rule("inspection_no_enterprises", ARTICLE, _("检查对象名录中的企业少于计划抽取数。"))
NOT_ENOUGH_INSPECTORS = Rule("inspection_not_enough_inspectors", ARTICLE,
                             _("执法检查人员名录中可派人员不足：企业 %(enterprise)s 回避后少于每户检查人员数。"))
NOT_A_DRAWN_VISIT = Rule("inspection_not_your_visit", ARTICLE, _("您不是本户检查随机选派的执法检查人员。"))
VISIT_ALREADY_RECORDED = Rule("inspection_visit_recorded", ARTICLE, _("本户检查记录已录入，不能修改。"))
VISIT_NOT_RECORDED = Rule("inspection_visit_not_recorded", ARTICLE, _("检查记录尚未录入，不能公开结果。"))
RESULT_ALREADY_PUBLISHED = Rule("inspection_result_published", ARTICLE, _("该检查结果已经公开。"))
VISIT_BEFORE_DRAW = Rule("inspection_visit_before_draw", ARTICLE, _("检查日期不能早于抽取日期，也不能晚于今天。"))

# 检查对象名录: pilot enterprises, including those suspended (they remain under supervision).
SUBJECT_STATUSES = (PilotStatus.DESIGNATED, PilotStatus.SUSPENDED)


def lists_ready_db(plan) -> Rule | None:
    """Both lists can give the plan's sample (国办发〔2015〕58号 “建立随机抽取检查对象名录库和执法检查人员名录库”)."""
    from portal.models import Organisation
    from portal.roles import OrganisationKind

    from .models import Inspector

    subjects = Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE, pilot_status__in=SUBJECT_STATUSES)
    if subjects.count() < plan.sample_size:
        return NO_ENTERPRISES
    if Inspector.objects.filter(active=True, user__is_active=True).count() < plan.inspectors_per_visit:
        return NOT_ENOUGH_INSPECTORS.refusal(enterprise="—")
    return None


def visit_date_allowed(visited_on: date, drawn_on: date, today: date) -> bool:
    """A visit follows the draw and is not recorded ahead of time."""
    return drawn_on <= visited_on <= today
