"""实施方案三(四), 实施方案四(一): the joint meeting's agenda lists the emergency incidents not yet closed."""

from datetime import date

import pytest

from compliance.incidents import services
from compliance.incidents.models import Incident, IncidentStatus
from supervision.meetings import agenda
from tests.factories import PilotEnterpriseFactory

pytestmark = pytest.mark.django_db


def test_scheme_3_4_open_incidents_are_on_the_joint_meetings_agenda_and_closed_ones_are_not(bureau_officer):
    enterprise = PilotEnterpriseFactory()
    incident = services.open_incident(enterprise, actor=bureau_officer, today=date(2026, 3, 2), category="fraud",
                                      severity="serious", source="customs", title="伪造单证", description="海关通报。")
    matters = [m for m in agenda.build(date(2026, 3, 3)) if m.source == "incident"]
    assert [m.reference for m in matters] == [incident.number]
    assert enterprise.name in matters[0].title and "欺诈" in matters[0].title
    assert agenda.source_label("incident") == "未结案的应急事件"
    Incident.objects.filter(pk=incident.pk).update(status=IncidentStatus.CLOSED, closed_on=date(2026, 3, 3))
    assert not [m for m in agenda.build(date(2026, 3, 4)) if m.source == "incident"]
