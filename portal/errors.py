"""Refusals by the rules: a code, the article it comes from, and a message in both languages.

A service raises RuleRefused; the API turns it into 409 {"detail", "reasons"} and pages show
the same reasons. Each app keeps its own table of Rule entries; the generic workflow codes of
api.md live here.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Rule:
    code: str
    article: str
    message: str  # a lazy translation; rendered in the request's language

    def refusal(self, **params) -> "Refusal":
        return Refusal(self.code, str(self.article), self.message, params)


@dataclass(frozen=True)
class Refusal:
    code: str
    article: str
    message: str
    params: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        text = str(self.message)
        if self.params:
            text = text % self.params
        return {"code": self.code, "article": str(self.article), "message": text}


class RuleRefused(Exception):
    """The request is valid but the rules refuse it (HTTP 409)."""

    def __init__(self, reasons, detail=None):
        self.reasons = [r if isinstance(r, Refusal) else r.refusal() for r in reasons]
        self.detail = detail or _("业务规则不允许此操作。")
        super().__init__("; ".join(r.code for r in self.reasons))

    def as_dict(self) -> dict:
        return {"detail": str(self.detail), "reasons": [r.as_dict() for r in self.reasons]}


# api.md "Conventions": codes of the workflow itself.
NOT_EDITABLE = Rule("not_editable", "api.md", _("当前状态下不可修改。"))
OPEN_APPLICATION_EXISTS = Rule("open_application_exists", "办法第四条", _("本企业已有未办结的申请。"))
NOT_AWAITING_INTAKE = Rule("not_awaiting_intake", "办法第五条", _("该申请不在待受理状态。"))
NOT_ACCEPTED = Rule("not_accepted", "办法第五条", _("该申请尚未受理。"))
STAGE_MISSING = Rule("stage_missing", "办法第五条", _("评分前须记录材料审核和现场答辩。"))
CONFLICT_NOT_DECLARED = Rule("conflict_not_declared", "办法第五条", _("评分前须先申报利益冲突情况。"))
SHEET_LOCKED = Rule("sheet_locked", "办法第五条", _("评分表已提交，不能再修改。"))
BELOW_QUORUM = Rule("below_quorum", "办法第五条", _("已提交评分表数量不足法定人数。"))
NOT_PREPARED = Rule("not_prepared", "api.md", _("尚未由经办人拟办，负责人不能签发。"))
SAME_OFFICIAL = Rule("same_official", "api.md", _("拟办人与签发人不能为同一人。"))
NOT_IN_GOOD_STANDING = Rule("not_in_good_standing", "办法第十二条", _("企业不是正常状态的试点企业。"))
NO_VALID_LICENCE = Rule("no_valid_licence", "货物出口许可证管理办法", _("没有列明该车辆且在有效期内的出口许可证。"))
NOT_CLEARED = Rule("not_cleared", "办法第六条", _("车辆尚未办理海关放行，不能注销登记。"))
OPEN_TRAFFIC_MATTER = Rule("open_traffic_matter", "办法第六条", _("车辆有未处理完毕的交通违法或事故，不能注销登记。"))
