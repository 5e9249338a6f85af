"""The policy version's workflow (issue 24, 办法第一条 "如有调整，将另文明确"): an officer prepares, the head
authorises and publishes, never the same official (domain-rules v1.1 maker–checker)."""

from django.utils.translation import gettext_lazy as _

from .errors import Rule
from .policy_models import PolicyVersion
from .policy_models import PolicyVersionStatus as S
from .roles import Role
from .workflow import Action, Step, Workflow, prepared_by_another_official, set_prepared_reader

KIND = "policy_version"
ARTICLE = _("办法第一条、第十七条")

EFFECTIVE_DATE_PASSED = Rule("effective_date_passed", "办法第一条",
                             _("施行日期已过：新版本只能自签发之日或其后施行，不改变已作出的决定。"))
NOT_AFTER_VERSION_IN_FORCE = Rule("not_after_version_in_force", "办法第一条",
                                  _("施行日期须晚于已发布的最新版本的施行日期。"))


def preparer_of(case_kind: str, pk: int, letter: str) -> int | None:
    """portal.workflow's reader for this kind: the officer who prepared the version now awaiting the head."""
    return (PolicyVersion.objects.filter(pk=pk, status=S.PREPARED)
            .values_list("prepared_by_id", flat=True).first())


def effective_date_not_passed(version, user, today):
    """办法第一条: a new version applies from its effective date on; publishing it never reaches back."""
    return EFFECTIVE_DATE_PASSED if version.effective_from < today else None


def effective_after_the_latest_version_db(version, user, today):
    latest = (PolicyVersion.objects.filter(status=S.PUBLISHED).order_by("-effective_from")
              .values_list("effective_from", flat=True).first())
    return NOT_AFTER_VERSION_IN_FORCE if latest is not None and version.effective_from <= latest else None


POLICY_VERSION = Workflow(
    kind=KIND, label=_("政策参数调整"), state_field="status", states=S,
    actions=(
        Action("revise", _("修改拟定的参数"), (S.PREPARED, S.RETURNED), (Role.BUREAU_OFFICER,), ARTICLE,
               target=S.PREPARED, next_actor=Role.BUREAU_HEAD, waits=False),
        Action("authorise", _("签发并发布"), (S.PREPARED,), (Role.BUREAU_HEAD,), ARTICLE, target=S.PUBLISHED,
               guards=(prepared_by_another_official(KIND, "policy_version"), effective_date_not_passed,
                       effective_after_the_latest_version_db),
               countersigned=True, confirm=True),
        Action("return", _("退回修改"), (S.PREPARED,), (Role.BUREAU_HEAD,), ARTICLE, target=S.RETURNED,
               next_actor=Role.BUREAU_OFFICER),
    ),
    steps=(Step(_("经办人拟定"), (S.RETURNED,)), Step(_("负责人签发"), (S.PREPARED,)), Step(_("发布施行"), (S.PUBLISHED,))),
)


def register() -> None:
    from . import workflow

    workflow.register(POLICY_VERSION)
    set_prepared_reader(preparer_of, case_kind=KIND)
