"""What a passed 补正 / information-request deadline does (办法第五条), declared once per case kind.

settings.CASEWORK_DEEMED_WITHDRAWN lists the case kinds deemed withdrawn when the deadline passes
unanswered; every other kind goes on with the file as it stands. Either way an answer after the
deadline is refused (409 `correction_deadline_passed`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .errors import Rule

CORRECTION_DEADLINE_PASSED = Rule(
    "correction_deadline_passed", "办法第五条",
    _("补正期限已过，不能再补正；逾期未补正按规定视为撤回，或按现有材料办理。"),
)


class LateCorrection(models.TextChoices):
    WITHDRAWN = "withdrawn", _("视为撤回")
    PROCEED = "proceed", _("按现有材料继续办理")


def late_correction_consequence(case_kind: str) -> LateCorrection:
    """The declared consequence of a passed 补正 deadline for a case kind (the setting)."""
    withdrawn = {str(kind) for kind in getattr(settings, "CASEWORK_DEEMED_WITHDRAWN", ("licence",))}
    return LateCorrection.WITHDRAWN if str(case_kind) in withdrawn else LateCorrection.PROCEED
