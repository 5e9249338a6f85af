from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = _("专家评审")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from applications.selectors import register_expert_visibility
        from portal import dashboard, demo
        from portal import workflow as wf_registry
        from portal.roles import Role

        from .demo import seed_review
        from .models import ConflictDeclaration
        from .permissions import applications_granted_to, grant_on_declaration
        from .workflow import ENTRY, PANEL_DAY, PANEL_ITEM, ROUND

        wf_registry.register(ROUND, ENTRY, PANEL_DAY, PANEL_ITEM)

        post_save.connect(grant_on_declaration, sender=ConflictDeclaration, dispatch_uid="review.grant_on_declaration")
        register_expert_visibility(applications_granted_to)
        bureau = (Role.BUREAU_OFFICER, Role.BUREAU_HEAD)
        dashboard.register(*bureau, Role.EXPERT, title=_("专家评审"),
                           description=_("评审批次、评审小组、评分、公示与确定试点企业（办法第五条）"),
                           url_name="review:round-list", order=30)
        dashboard.register(*bureau, title=_("试点企业名单"), description=_("已确定的试点企业及报商务部备案名单"),
                           url_name="review:pilots", order=35)
        dashboard.register_nav(*bureau, Role.EXPERT, title=_("专家评审"), url_name="review:round-list", order=30)
        dashboard.register_public(title=_("评审结果公示"), url_name="review:public-publicity", order=30)
        # The public home lists 试点企业名单 once: supervision's page (with revoked and exited enterprises).
        demo.register(seed_review, order=50)
        from .panel_demo import seed_panel_day

        demo.register(seed_panel_day, order=55)  # after the pilot's application (20) and the demo round (50)
