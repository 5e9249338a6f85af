"""Export holds (实施方案三(四)): while an emergency incident is open, customs or the bureau may hold
further exports of the affected brand and model of that enterprise. The hold is a fact of traceability
so the licence rules read it without knowing why it was set (compliance sets and lifts it, by source).
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.activity import log_action
from portal.errors import Rule
from portal.roles import Role, has_role

from .models import ExportHold

EXPORT_HOLD = Rule("export_hold", "实施方案三(四)",
                   gettext_lazy("该企业的这一品牌车型因应急事件暂停出口，暂停解除前不予签发出口许可证。"))

HOLDING_ROLES = (Role.BUREAU_OFFICER, Role.BUREAU_HEAD, Role.CUSTOMS_OFFICER)


def live_holds(enterprise_id: int):
    return ExportHold.objects.filter(enterprise_id=enterprise_id, lifted_at__isnull=True)


def held_models(enterprise_id: int) -> set[tuple[str, str]]:
    """(brand, model) pairs of the enterprise whose export is held now (one query)."""
    return set(live_holds(enterprise_id).values_list("brand", "model"))


def is_held(vehicle, held: set[tuple[str, str]]) -> bool:
    return (vehicle.brand, vehicle.model) in held


@transaction.atomic
def place_hold(enterprise, brand: str, model: str, *, reason: str, source: str, actor, today: date) -> ExportHold:
    """Hold the enterprise's exports of one brand and model; a second call for the same source answers
    the live hold."""
    if not has_role(actor, *HOLDING_ROLES):
        raise PermissionDenied
    errors = {}
    if not (brand or "").strip() or not (model or "").strip():
        errors["model"] = [_("请选择品牌车型。")]
    if not (reason or "").strip():
        errors["reason"] = [_("请填写暂停理由。")]
    if errors:
        raise ValidationError(errors)
    live = live_holds(enterprise.pk).filter(brand=brand, model=model, source=source).first()
    if live is not None:
        return live
    try:
        with transaction.atomic():
            hold = ExportHold.objects.create(enterprise=enterprise, brand=brand.strip(), model=model.strip(),
                                             reason=reason.strip(), source=source, set_by=actor, set_on=today)
    except IntegrityError:  # set at the same moment by another official
        return live_holds(enterprise.pk).get(brand=brand, model=model, source=source)
    log_action(hold, "traceability.hold_set", actor, reason=hold.reason,
               data={"brand": hold.brand, "model": hold.model, "source": source})
    return hold


@transaction.atomic
def lift_holds(source: str, *, actor, today: date, reason: str) -> int:
    """Lift every live hold of a source (the incident closed); answers how many were lifted."""
    lifted = 0
    for hold in ExportHold.objects.select_for_update().filter(Q(source=source), lifted_at__isnull=True):
        hold.lifted_at, hold.lifted_on, hold.lifted_by, hold.lift_reason = timezone.now(), today, actor, reason[:200]
        hold.save(update_fields=["lifted_at", "lifted_on", "lifted_by", "lift_reason"])
        log_action(hold, "traceability.hold_lifted", actor, reason=hold.lift_reason,
                   data={"brand": hold.brand, "model": hold.model, "source": source})
        lifted += 1
    return lifted
