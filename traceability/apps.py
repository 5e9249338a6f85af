from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraceabilityConfig(AppConfig):
    name = "traceability"
    verbose_name = _("一车一档")

    def ready(self):
        from django.conf import settings

        from portal import dashboard, demo, schedules
        from portal import workflow as wf_registry
        from portal.roles import Role

        from .workflow import LICENCE

        wf_registry.register(LICENCE)

        from .demo import seed_vehicles

        file_roles = (Role.ENTERPRISE_USER, Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER, Role.INSPECTOR,
                      Role.BUREAU_OFFICER, Role.BUREAU_HEAD, Role.AUDITOR)
        licence_roles = (Role.ENTERPRISE_USER, Role.CUSTOMS_OFFICER, Role.BUREAU_OFFICER, Role.BUREAU_HEAD)
        from .selectors import licences_visible_to, vehicles_visible_to

        pilots = dashboard.pilot_or_not_enterprise  # an applicant not (yet) a pilot has no vehicles or licences
        dashboard.register(
            *file_roles, title=_("一车一档"), url_name="traceability:vehicle-list", order=30,
            description=_("出口车辆的采购、转移登记、检测、报关、放行、注销登记全程记录，记录不可篡改。"),
            condition=pilots, count=lambda user: vehicles_visible_to(user).count(), count_label=_("辆车"),
        )
        dashboard.register(
            *licence_roles, title=_("出口许可证"), url_name="traceability:licence-list", order=31,
            description=_("一批一证：企业申领，经办人拟办，负责人签发；海关放行时核验。"),
            condition=pilots, count=lambda user: licences_visible_to(user).count(), count_label=_("份许可证"),
        )
        dashboard.register(
            Role.ENTERPRISE_USER, title=_("批量导入车辆"), url_name="traceability:import", order=32,
            description=_("下载模板，填写后上传 XLSX 或 CSV；全部校验通过才导入。"), condition=pilots,
        )
        dashboard.register_nav(*file_roles, title=_("一车一档"), url_name="traceability:vehicle-list", order=30,
                               condition=pilots)
        dashboard.register_nav(*licence_roles, title=_("出口许可证"), url_name="traceability:licence-list", order=31,
                               condition=pilots)
        dashboard.register_public(title=_("许可证与车辆查验"), url_name="verify-search", order=20)
        demo.register(seed_vehicles, order=60)
        demo.register(_seed_verify_signing_key, order=6)
        schedules.register("traceability.check_every_file", "traceability.check_every_file",
                           daily_at=settings.CHAIN_CHECK_AT)
        schedules.register("traceability.publish_tree_head", "traceability.publish_tree_head",
                           daily_at=settings.TREE_HEAD_AT)


def _seed_verify_signing_key(context):
    """seed_demo: the demo Ed25519 key that signs public answers and tree heads (var/verify-signing/)."""
    from .signatures import key_path, make_demo_key

    make_demo_key(key_path())
