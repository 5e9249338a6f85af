"""Arrange helpers for compliance tests."""


def decide_through_casework(case_kind, subject, kind, *, officer, head, today, facts, **values):
    """The one route of a countersigned decision: the officer prepares, the head authorises
    (casework.decisions), which carries it out and issues the signed letter."""
    from casework.decisions import authorise_decision, prepare_decision

    decision = prepare_decision(case_kind, subject.pk, kind, actor=officer, today=today, facts=facts, **values)
    return authorise_decision(decision, actor=head, today=today)
