"""The demo: the pilot enterprise has its historical approved application; applicant_demo has none."""

from applications.models import Application, ApplicationStatus
from portal.demo import seed


def test_the_pilot_enterprise_gets_its_approved_application_and_the_applicant_none(db):
    context = seed(password="Demo-Password-2026")
    seed(password="Demo-Password-2026")  # idempotent

    pilot = Application.objects.get(organisation=context["organisations"]["pilot"])
    assert pilot.status == ApplicationStatus.APPROVED
    assert pilot.reference_number == "TY-ESC-2020-0001"
    assert not Application.objects.filter(organisation=context["organisations"]["applicant"]).exists()
