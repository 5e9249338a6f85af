"""办法第五条 补正: an answer to a request for information after its deadline is refused (409
`correction_deadline_passed`); the declared consequence (portal.corrections) applies instead."""

from datetime import date

import pytest

from casework import services
from casework.models import CaseKind, InformationStatus
from compliance.tests.factories import issued_licence
from portal.errors import RuleRefused

pytestmark = pytest.mark.django_db


def test_an_answer_after_the_deadline_is_refused_办法第五条(pilot_user, bureau_officer):
    licence = issued_licence(pilot_user.organisation, date(2026, 9, 1), date(2026, 12, 31))
    request = services.request_information(CaseKind.LICENCE, licence.pk, actor=bureau_officer, today=date(2026, 12, 1),
                                           items="请补充购车合同", deadline=date(2026, 12, 5))
    with pytest.raises(RuleRefused) as refused:
        services.answer_information(request, actor=pilot_user, today=date(2026, 12, 20), answer="已补充")
    assert [r.code for r in refused.value.reasons] == ["correction_deadline_passed"]
    request.refresh_from_db()
    assert request.status == InformationStatus.OPEN
    assert services.answer_information(request, actor=pilot_user, today=date(2026, 12, 5),
                                       answer="已补充").status == InformationStatus.ANSWERED
