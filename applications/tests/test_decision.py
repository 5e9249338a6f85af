"""The contract review relies on: mark_in_review and record_decision (办法第五条)."""

import pytest
from django.core import mail

from applications import services
from applications.models import ApplicationStatus
from portal.errors import RuleRefused
from portal.models import Notification

from .helpers import TODAY, submitted_for


def test_mark_in_review_moves_an_accepted_application_and_is_idempotent(enterprise_user, bureau_officer):
    application = submitted_for(enterprise_user)
    services.accept_application(application, actor=bureau_officer, today=TODAY)

    services.mark_in_review(application, actor=bureau_officer)
    again = services.mark_in_review(application, actor=bureau_officer)

    assert again.status == ApplicationStatus.IN_REVIEW


def test_mark_in_review_refuses_an_application_not_accepted(enterprise_user, bureau_officer):
    application = submitted_for(enterprise_user)
    with pytest.raises(RuleRefused) as refused:
        services.mark_in_review(application, actor=bureau_officer)
    assert refused.value.reasons[0].code == "not_accepted"


def test_a_decision_approves_and_tells_the_enterprise_once(enterprise_user, bureau_head,
                                                           django_capture_on_commit_callbacks):
    application = submitted_for(enterprise_user)
    services.accept_application(application, actor=bureau_head, today=TODAY)
    services.mark_in_review(application, actor=bureau_head)

    with django_capture_on_commit_callbacks(execute=True):
        decided = services.record_decision(application, approved=True, actor=bureau_head, today=TODAY,
                                           reason="综合得分 88 分")

    assert decided.status == ApplicationStatus.APPROVED and decided.decided_at is not None
    assert Notification.objects.filter(recipient=enterprise_user, code="application.decided").count() == 1
    assert len(mail.outbox) == 1


def test_a_decision_on_a_submitted_application_is_refused(enterprise_user, bureau_head):
    application = submitted_for(enterprise_user)
    with pytest.raises(RuleRefused):
        services.record_decision(application, approved=False, actor=bureau_head, today=TODAY)
