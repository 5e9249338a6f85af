"""Demo records of issue 23 (`make run`): a quarter's 双随机 plan drawn and worked, and a joint meeting
with its signed minutes and one task for the police and one for customs."""

from django.utils import timezone


def seed_inspections_and_meetings(context: dict) -> None:
    from ..meetings import services as meetings
    from ..meetings.models import Agency, JointMeeting
    from . import services
    from .models import FollowUp, InspectionPlan, RiskRating, VisitType

    users, today = context["users"], timezone.localdate()
    officer, head = users["bureau_demo"], users["bureau_head_demo"]
    police, customs = users["police_demo"], users["customs_demo"]
    for badge, user in (("SW-0001", officer), ("GA-0001", police), ("HG-0001", customs)):
        if not hasattr(user, "inspector_record"):
            services.add_inspector(user, badge_number=badge, actor=officer, today=today)
    quarter = (today.month - 1) // 3 + 1
    if not InspectionPlan.objects.exists():  # once: a later quarter's draw would exclude last time's inspectors
        plan = services.create_plan(year=today.year, quarter=quarter, sample_size=1, actor=officer, today=today)
        services.publish_seed(plan, actor=officer, today=today)
        services.draw(plan, actor=officer, today=today)
        visit = plan.visits.first()
        inspector = visit.inspectors.select_related("user").first().user
        services.record_visit(visit, actor=inspector, today=today, visit_type=VisitType.ONSITE, visited_on=today,
                              people_present="执法检查人员2名；企业负责人王试点", risk_rating=RiskRating.LOW,
                              findings="一车一档资料齐全，出口车辆均在2个月内办理注销登记。", follow_up=FollowUp.NONE)
        services.publish_result(visit, actor=officer, today=today)
    if not JointMeeting.objects.exists():
        meeting = meetings.convene(held_on=today, place="太原市商务局三楼会议室", actor=officer, today=today)
        meetings.hold(meeting, attendees="市商务局：赵处长、张经办\n市公安局交通管理局：黄民警\n晋阳海关：周关员",
                      summary="会议通报了本季度出口和注销登记情况，研究了跨部门数据不一致的核查。", actor=officer,
                      today=today)
        meetings.add_decision(meeting, decision="核查出口车辆注销登记数据，报送核查结果。", agency=Agency.POLICE,
                              working_days=10, actor=officer, today=today)
        meetings.add_decision(meeting, decision="比对报关放行数据与许可证使用记录。", agency=Agency.CUSTOMS,
                              working_days=15, actor=officer, today=today)
        from casework import signing

        if signing.has_credentials():
            meetings.sign_minutes(meeting, actor=head, today=today)
