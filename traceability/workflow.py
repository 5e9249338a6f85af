"""The export licence (一批一证), declared once (issue 18): services check it, the licence and case pages
show only the actions it allows with its step bar, the API's `actions` lists them, the work queue asks it
who acts next.

request → prepare (an officer) → issue (the head, never the preparing officer); refuse before issue;
after issue: suspend / revoke (adverse: an officer prepares the decision in casework, the head authorises
it, a signed letter goes out), reinstate (the head), surrender (the enterprise), cancel (irreversible:
the bureau, or the enterprise its own request before issue). `used` and `expired` are recorded by the
customs clearance and the expiry job, not by a person's action.
"""

from django.utils.translation import gettext_lazy as _

from portal.errors import SAME_OFFICIAL, Rule
from portal.roles import Role, has_role
from portal.workflow import Action, Guide, Step, Workflow, prepared_by_another_official

from .models import LicenceStatus as S

KIND = "licence"  # = casework's CaseKind.LICENCE
SCHEME = "《太原市开展二手车出口业务实施方案》三(二)"
PLAN_7 = "《太原市二手车出口企业管理办法（暂行）》第七条"
LICENCE_RULES = "《货物出口许可证管理办法》"

# api.md v1.1 "Actions": the contract's code for the officer's and the head's halves of the
# maker–checker is one, `issue` ("prepare or issue, by who calls").
API_CODES = {"prepare": "issue"}

ENTERPRISE_ONLY_BEFORE_ISSUE = Rule("not_editable", "货物出口许可证管理办法",
                                    _("许可证已签发，企业不能撤回申领；可申请交回或由市商务局注销。"))


def not_the_preparing_official(licence, user, today):
    """api.md "Export licences": the preparing officer never issues the licence (same_official)."""
    return SAME_OFFICIAL if licence.prepared_by_id is not None and licence.prepared_by_id == user.pk else None


def enterprise_only_before_issue(licence, user, today):
    """An enterprise withdraws its own request before issue; an issued licence is cancelled by the bureau."""
    if has_role(user, Role.BUREAU_OFFICER, Role.BUREAU_HEAD):
        return None
    return ENTERPRISE_ONLY_BEFORE_ISSUE if licence.status not in (S.REQUESTED, S.PREPARED) else None


PREPARE = Action(
    "prepare", _("拟办"), (S.REQUESTED,), (Role.BUREAU_OFFICER,), SCHEME, target=S.PREPARED,
    next_actor=Role.BUREAU_HEAD,
)
ISSUE = Action(
    "issue", _("签发"), (S.PREPARED,), (Role.BUREAU_HEAD,), SCHEME, target=S.ISSUED,
    guards=(not_the_preparing_official,), countersigned=True, clock="stop:licence_issue", letter="licence",
    next_actor=Role.CUSTOMS_OFFICER,
)
REFUSE = Action(
    "refuse", _("不予签发"), (S.REQUESTED, S.PREPARED), (Role.BUREAU_HEAD,), PLAN_7, target=S.REFUSED,
    guards=(prepared_by_another_official(KIND, "refusal"),), adverse=True, countersigned=True,
    clock="stop:licence_issue", letter="refusal", waits=False,
)
SUSPEND = Action(
    "suspend", _("暂停"), (S.ISSUED,), (Role.BUREAU_HEAD,), LICENCE_RULES, target=S.SUSPENDED,
    guards=(prepared_by_another_official(KIND, "licence_suspend"),), adverse=True, countersigned=True,
    letter="licence_suspend", next_actor=Role.BUREAU_HEAD, waits=False,
)
REINSTATE = Action(
    "reinstate", _("恢复"), (S.SUSPENDED,), (Role.BUREAU_HEAD,), LICENCE_RULES, target=S.ISSUED, waits=False,
)
REVOKE = Action(
    "revoke", _("撤销"), (S.ISSUED, S.SUSPENDED), (Role.BUREAU_HEAD,), LICENCE_RULES, target=S.REVOKED,
    guards=(prepared_by_another_official(KIND, "licence_revoke"),), adverse=True, countersigned=True,
    letter="licence_revoke", waits=False,
)
SURRENDER = Action(
    "surrender", _("企业交回"), (S.ISSUED,), (Role.ENTERPRISE_USER,), LICENCE_RULES, target=S.SURRENDERED,
    own_organisation=True, waits=False,
)
CANCEL = Action(
    "cancel", _("注销"), (S.REQUESTED, S.PREPARED, S.ISSUED, S.SUSPENDED),
    (Role.ENTERPRISE_USER, Role.BUREAU_OFFICER, Role.BUREAU_HEAD), LICENCE_RULES, target=S.CANCELLED,
    guards=(enterprise_only_before_issue,), own_organisation=True, confirm=True, waits=False,
)

LICENCE = Workflow(
    kind=KIND, label=_("出口许可证"), state_field="status", states=S,
    actions=(PREPARE, ISSUE, REFUSE, SUSPEND, REINSTATE, REVOKE, SURRENDER, CANCEL),
    steps=(
        Step(_("企业申领"), (S.REQUESTED,)),
        Step(_("经办人拟办"), (S.PREPARED,)),
        Step(_("负责人签发"), (S.ISSUED, S.SUSPENDED)),
        Step(_("办结"), (S.USED, S.EXPIRED, S.CANCELLED, S.REFUSED, S.SURRENDERED, S.REVOKED)),
    ),
    guide=Guide(
        title=_("二手车出口许可证申领"), basis=SCHEME,
        conditions=(
            ("办法第七条", _("车辆不属于禁止出口情形（被盗抢、未解押、临近报废等）")),
            ("实施方案三(三)", _("车辆经具备资质的检测机构检测合格（一车一检）")),
            ("办法第十二条", _("企业为正常状态的试点企业")),
        ),
        materials=(_("拟出口车辆的 VIN 清单"), _("目的国")),
        time_limit=_("自申领之日起 10 个工作日内审核签发"),
        decided_by=_("经办人拟办，市商务局负责人签发"),
        appeal=_("对不予签发、暂停或撤销决定不服的，可自收到决定书之日起六十日内申请行政复议，或六个月内提起行政诉讼。"),
    ),
)


def api_codes(codes) -> list[str]:
    """The declared codes as api.md names them (the officer's `prepare` is the contract's `issue`)."""
    return list(dict.fromkeys(API_CODES.get(code, code) for code in codes))


def action_for_issue_call(licence) -> str:
    """api.md's `issue/` call: the officer's half on a request, the head's on a prepared licence."""
    return PREPARE.code if licence.status == S.REQUESTED else ISSUE.code

