"""Demo data for 通知公告 (issue 23 point 3): a published notice to the pilots, a public one and a
retracted one, so `make run` shows the dashboards' panel, read receipts and a retraction notice."""

from django.utils import timezone

DEMO = [
    ("关于报送2026年第四季度二手车出口业务数据的通知", "pilots",
     "各试点企业：请于12月25日前通过本平台报送第四季度出口车辆、海外网点和售后服务情况。"),
    ("太原市二手车出口试点企业申报指南（2026年版）", "public",
     "符合《太原市二手车出口企业管理办法（暂行）》第三条条件的企业，可通过本平台在线申请试点资格。"),
    ("关于召开二手车出口业务培训会的通知（已撤回）", "applicants",
     "定于12月10日召开培训会。"),
]


def seed_announcements(context: dict) -> None:
    from .announcement_models import Announcement
    from .announcements import create_announcement, publish_announcement, retract_announcement

    officer = context["users"]["bureau_demo"]
    today = timezone.localdate()
    for title, audience, body in DEMO:
        if Announcement.objects.filter(title=title).exists():
            continue  # idempotent
        announcement = create_announcement(title=title, body=body, audience=audience, actor=officer, today=today)
        announcement = publish_announcement(announcement, actor=officer, today=today)
        if "已撤回" in title:
            retract_announcement(announcement, reason="培训会时间调整，另行通知。", actor=officer, today=today)
