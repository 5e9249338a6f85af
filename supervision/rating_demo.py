"""Demo data for 好差评 (issue 23 point 4): the pilot rates its approved application 5 and one issued
licence 2 (a 差评, which opens a follow-up case in the bureau's queue), so `make run` shows the
figures, the enterprise's page and the queue."""

from django.utils import timezone


def seed_ratings(context: dict) -> None:
    from .rating_models import ServiceKind, ServiceRating
    from .ratings import rate_service, services_to_rate

    pilot = context["users"]["pilot_demo"]
    if ServiceRating.objects.filter(enterprise_id=pilot.organisation_id).exists():
        return  # idempotent
    today = timezone.localdate()
    services = services_to_rate(pilot)
    application = next((s for s in services if s.kind == ServiceKind.APPLICATION), None)
    licence = next((s for s in services if s.kind == ServiceKind.LICENCE), None)
    if application is not None:
        rate_service(application.kind, application.pk, score=5, comment="受理及时，评审过程公开透明。", actor=pilot,
                     today=today)
    if licence is not None:
        rate_service(licence.kind, licence.pk, score=2, comment="签发比承诺时限晚了两个工作日。", actor=pilot,
                     today=today)
