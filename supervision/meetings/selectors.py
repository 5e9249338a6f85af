"""Reads of the joint meeting, filtered by what the user may see (实施方案四(一))."""

from portal.roles import Role, has_role, is_bureau

from .models import JointMeeting, MeetingTask

MEMBER_ROLES = (Role.BUREAU_OFFICER, Role.BUREAU_HEAD, Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER)


def is_member(user) -> bool:
    return has_role(user, *MEMBER_ROLES)


def meetings_visible_to(user):
    """The three member agencies see the meetings they sit in."""
    return JointMeeting.objects.all() if is_member(user) else JointMeeting.objects.none()


def tasks_visible_to(user):
    """The bureau, which convenes the meeting, follows every task; police and customs see their own agency's."""
    qs = MeetingTask.objects.select_related("meeting")
    if is_bureau(user):
        return qs
    if is_member(user) and user.organisation_id:
        return qs.filter(agency=user.organisation.kind)
    return qs.none()
