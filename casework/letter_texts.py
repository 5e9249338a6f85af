"""Version 1 of each letter template (seeded by migration 0003; later versions are added in the
admin, never edited). Placeholders are string.Template names filled by casework.letters."""

RIGHTS_AND_ROUTES = (
    "你单位依法享有陈述、申辩的权利，并可以依法要求听证；需要陈述、申辩或者要求听证的，请自收到本文书之日起"
    "5个工作日内向本局提出。\n"
    "如对本决定不服，可以自收到本决定书之日起六十日内（按签发之日计算，最迟至 $reconsideration_until）"
    "向$reconsideration_body申请行政复议，或者自收到本决定书之日起六个月内（最迟至 $litigation_until）"
    "向$court提起行政诉讼。期间届满之日为法定节假日的，以节假日后的第一个工作日为期间届满日。"
)

TEMPLATES_V1 = {
    "refusal": (
        "不予签发出口许可证决定书",
        "$enterprise：\n你单位申领的出口许可证（$reference）经本局审核，查明：$facts\n"
        "依据$article$item的规定，本局决定不予签发该出口许可证。\n" + RIGHTS_AND_ROUTES,
    ),
    "rectification": (
        "责令限期整改通知书",
        "$enterprise：\n经查，$facts\n依据$article$item的规定，现责令你单位于 $deadline 前完成整改，"
        "并将整改情况报送本局。逾期未完成整改的，本局将依法取消你单位试点资格。\n" + RIGHTS_AND_ROUTES,
    ),
    "revocation": (
        "取消试点资格案件决定书",
        "$enterprise：\n本局已依法告知你单位拟作出决定的事实、理由和依据。经查，$facts\n"
        "依据$article$item的规定，本局决定：$outcome。\n" + RIGHTS_AND_ROUTES,
    ),
    "licence": (
        "准予签发出口许可证决定书",
        "$enterprise：\n你单位申领的出口许可证（$reference）经本局审核，符合$article$item规定的条件，"
        "本局决定准予签发，许可证号 $licence_number，有效期至 $valid_until。$facts\n" + RIGHTS_AND_ROUTES,
    ),
    # Added by migration 0004 (refused at intake, also after 补正, or not designated after review).
    "pilot_refusal": (
        "不予批准二手车出口试点企业申请决定书",
        "$enterprise：\n你单位提交的二手车出口试点企业申请（受理编号 $reference）经本局审查，查明：$facts\n"
        "$grounds\n依据$article$item的规定，本局决定对你单位的申请不予批准。\n" + RIGHTS_AND_ROUTES,
    ),
}


# Added by migration 0007 (issue 18): suspending and revoking a licence are adverse decisions (domain-rules
# v1.1), prepared and authorised in casework. The enterprise's statement and the answer to it ($statement)
# come before the decision; the letter states the routes of 行政复议 and 行政诉讼, not a new offer to be heard.
ROUTES = (
    "如对本决定不服，可以自收到本决定书之日起六十日内（按签发之日计算，最迟至 $reconsideration_until）"
    "向$reconsideration_body申请行政复议，或者自收到本决定书之日起六个月内（最迟至 $litigation_until）"
    "向$court提起行政诉讼。期间届满之日为法定节假日的，以节假日后的第一个工作日为期间届满日。"
)
TEMPLATES_V1["licence_suspend"] = (
    "暂停出口许可证决定书",
    "$enterprise：\n你单位持有的出口许可证（$reference）经本局调查，查明：$facts\n$statement\n"
    "依据$article$item的规定，本局决定暂停该出口许可证；暂停期间该许可证不得用于报关放行。\n" + ROUTES,
)
TEMPLATES_V1["licence_revoke"] = (
    "撤销出口许可证决定书",
    "$enterprise：\n你单位持有的出口许可证（$reference）经本局调查，查明：$facts\n$statement\n"
    "依据$article$item的规定，本局决定撤销该出口许可证；撤销后该许可证不得再用于报关放行。\n" + ROUTES,
)

# Version 2 (migration 0005): domain-rules v1.1 — the letter states the facts once, the enterprise's
# statement and the answer to it ($statement, from the case record), then the decision.
TEMPLATES_V2 = {
    "revocation": (
        "取消试点资格案件决定书",
        "$enterprise：\n本局已依法告知你单位拟作出决定的事实、理由和依据。经查，$facts\n$statement\n"
        "依据$article$item的规定，本局决定：$outcome。\n" + RIGHTS_AND_ROUTES,
    ),
}


# Migration 0007: the voluntary exit (办法第十三条). Approving is favourable: no rights paragraph
# (domain-rules v1.1); refusing is adverse and states the routes of 行政复议 and 行政诉讼.
TEMPLATES_EXIT_V1 = {
    "exit_approval": (
        "准予退出二手车出口试点决定书",
        "$enterprise：\n你单位提交的退出二手车出口试点申请（$reference）经本局审查，符合$article$item的规定，"
        "本局决定准予你单位退出试点。$facts\n"
        "依据办法第十四条，退出后你单位仍须承担已出口二手车1年内的售后服务责任。",
    ),
    "exit_refusal": (
        "不予批准退出二手车出口试点决定书",
        "$enterprise：\n你单位提交的退出二手车出口试点申请（$reference）经本局审查，查明：$facts\n"
        "依据$article$item的规定，本局决定不予批准你单位退出试点。\n" + ROUTES,
    ),
}


# Migration 0009 (issue 18; domain-rules v1.1): 陈述、申辩 and 听证 are offered before an adverse decision, in
# the notice that opens the case — a decision letter no longer offers them afterwards, it states the routes of
# 行政复议 and 行政诉讼 ($statement: what the enterprise said and the answer, where the case had a notice). A
# favourable decision (the licence issued) carries no rights paragraph at all.
TEMPLATES_DECIDED = {  # kind: (version, title, body)
    "refusal": (2, "不予签发出口许可证决定书",
                "$enterprise：\n你单位申领的出口许可证（$reference）经本局审核，查明：$facts\n"
                "依据$article$item的规定，本局决定不予签发该出口许可证。\n" + ROUTES),
    "rectification": (2, "责令限期整改通知书",
                      "$enterprise：\n经查，$facts\n依据$article$item的规定，现责令你单位于 $deadline 前完成整改，"
                      "并将整改情况报送本局。逾期未完成整改的，本局将依法立案，拟取消你单位试点资格。\n" + ROUTES),
    "revocation": (3, "取消试点资格案件决定书",
                   "$enterprise：\n本局已依法告知你单位拟作出决定的事实、理由和依据，以及陈述、申辩和要求听证的权利。"
                   "经查，$facts\n$statement\n依据$article$item的规定，本局决定：$outcome。\n" + ROUTES),
    "licence": (2, "准予签发出口许可证决定书",
                "$enterprise：\n你单位申领的出口许可证（$reference）经本局审核，符合$article$item规定的条件，"
                "本局决定准予签发，许可证号 $licence_number，有效期至 $valid_until。$facts"),
    "pilot_refusal": (2, "不予批准二手车出口试点企业申请决定书",
                      "$enterprise：\n你单位提交的二手车出口试点企业申请（受理编号 $reference）经本局审查，查明：$facts\n"
                      "$grounds\n依据$article$item的规定，本局决定对你单位的申请不予批准。\n" + ROUTES),
}


# Migration 0010 (issue 26, 实施方案三(四)): the order to act on the vehicles an emergency incident touches.
# Adverse (domain-rules v1.1): prepared by an officer, authorised by the head, with the routes of 行政复议 and
# 行政诉讼; $facts states the incident, the number of cars, the measures and the per-vehicle report asked for.
TEMPLATES_INCIDENT_V1 = {
    "incident_order": (
        "应急处置责令通知书",
        "$enterprise：\n经查，$facts\n依据$article$item的规定，现责令你单位于 $deadline 前对上述车辆完成处置，"
        "并通过市商务局门户逐车报告处置情况及证明材料。逾期未完成的，本局将依法立案，拟取消你单位试点资格。\n" + ROUTES,
    ),
}
