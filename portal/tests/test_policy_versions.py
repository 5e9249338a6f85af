"""办法第一条 ("如有调整，将另文明确"), 第十七条 (issue 24): the thresholds and periods as versioned policy —
declared once, version 1 from the 办法's date of effect, maker–checker, published versions never change."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal import policy, policy_services
from portal.errors import RuleRefused
from portal.models import PolicyVersion, PolicyVersionStatus
from tests.policy import publish_version, values_with

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)
LATER = date(2026, 9, 1)


def test_version_1_holds_the_values_of_the_measures_from_13_january_2021_办法第十七条():
    first = PolicyVersion.objects.get(number=1)
    assert first.status == PolicyVersionStatus.PUBLISHED and first.effective_from == date(2021, 1, 13)
    assert "并商外贸发〔2021〕2 号" in first.basis
    v1 = policy.policy_in_force(date(2026, 6, 1))
    assert v1.number == 1
    assert v1["registered_capital_min"] == Decimal("30000000") and v1["paid_in_or_net_assets_min"] == Decimal("20000000")
    assert (v1["first_export_months"], v1["networks_months"], v1["no_export_months"], v1["scale_months"]) == (6, 9, 12, 36)
    assert v1["publicity_working_days"] == 5 and v1["aftersales_confirmation_days"] == 180
    assert sum(v1["review_criteria"].values()) == 100
    # A day before the 办法 took effect is judged by version 1 as well (no older rules exist here).
    assert policy.policy_in_force(date(2020, 1, 1)).number == 1


def test_the_version_in_force_is_one_indexed_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        policy.policy_in_force(TODAY)


def test_every_parameter_is_declared_once_with_label_unit_article_and_a_valid_first_value():
    keys = [p.key for p in policy.PARAMETERS]
    assert len(keys) == len(set(keys))
    for param in policy.PARAMETERS:
        assert str(param.label).strip() and param.article.strip(), param.key
    assert policy.validate(policy.initial_values()) == policy.initial_values()


def test_a_bad_value_is_a_400_naming_the_parameter_and_its_rule_办法第一条(bureau_officer):
    values = values_with(registered_capital_min="三千万", plan_target_years=0,
                         review_criteria=dict(policy.initial_values()["review_criteria"], basic_conditions=20))
    with pytest.raises(ValidationError) as refused:
        policy_services.prepare_version(actor=bureau_officer, today=TODAY, values=values, basis="文号",
                                        effective_from=LATER)
    errors = refused.value.message_dict
    assert "注册资本下限" in errors["registered_capital_min"][0] and "须为数字" in errors["registered_capital_min"][0]
    assert "须为正整数" in errors["plan_target_years"][0]
    assert "办法第五条第4项" in errors["review_criteria"][0] and "105" in errors["review_criteria"][0]
    assert not PolicyVersion.objects.exclude(number=1).exists()


def test_an_effective_date_in_the_past_is_refused_publishing_never_reaches_back_办法第一条(bureau_officer):
    with pytest.raises(ValidationError) as refused:
        policy_services.prepare_version(actor=bureau_officer, today=TODAY, values=values_with(), basis="文号",
                                        effective_from=date(2026, 5, 31))
    assert "effective_from" in refused.value.message_dict


def test_only_an_officer_prepares_and_only_the_head_authorises(bureau_officer, bureau_head, enterprise_user):
    for user in (bureau_head, enterprise_user):
        with pytest.raises(PermissionDenied):
            policy_services.prepare_version(actor=user, today=TODAY, values=values_with(), basis="文号",
                                            effective_from=LATER)
    version = policy_services.prepare_version(actor=bureau_officer, today=TODAY, values=values_with(), basis="文号",
                                              effective_from=LATER)
    with pytest.raises(PermissionDenied):
        policy_services.authorise_version(version, actor=bureau_officer, today=TODAY)


def test_the_same_official_cannot_prepare_and_authorise_409_and_database_check(bureau_officer, bureau_head):
    """domain-rules v1.1 maker–checker: the workflow's guard answers 409 same_official; the CHECK refuses it too."""
    from django.contrib.auth.models import Group

    from portal.roles import Role

    both = bureau_officer  # an official holding both roles is still one official
    both.groups.add(Group.objects.get(name=str(Role.BUREAU_HEAD)))
    both = type(both).objects.get(pk=both.pk)  # the roles are cached per instance
    version = policy_services.prepare_version(actor=both, today=TODAY, values=values_with(), basis="文号",
                                              effective_from=LATER)
    with pytest.raises(RuleRefused) as refused:
        policy_services.authorise_version(version, actor=both, today=TODAY)
    assert [r.code for r in refused.value.reasons] == ["same_official"]
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyVersion.objects.filter(pk=version.pk).update(
            status=PolicyVersionStatus.PUBLISHED, number=2, authorised_by=both, published_at="2026-06-01T10:00:00Z")
    version.refresh_from_db()
    assert version.status == PolicyVersionStatus.PREPARED and version.number is None


def test_a_published_version_cannot_be_edited_or_deleted_database(bureau_officer, bureau_head):
    published = publish_version(bureau_officer, bureau_head, today=TODAY, effective_from=LATER,
                                registered_capital_min="50000000")
    assert published.number == 2 and published.authorised_by == bureau_head
    for change in (lambda qs: qs.update(values={}), lambda qs: qs.update(effective_from=TODAY), lambda qs: qs.delete()):
        with pytest.raises(IntegrityError), transaction.atomic():
            change(PolicyVersion.objects.filter(pk=published.pk))
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyVersion.objects.filter(number=1).update(basis="改过")
    with pytest.raises(RuleRefused):  # nor through the service: it is no longer prepared
        policy_services.revise_version(published, actor=bureau_officer, today=TODAY, values=values_with(),
                                       basis="文号", effective_from=LATER)


def test_a_new_version_applies_from_its_effective_date_and_the_earlier_one_before_it(bureau_officer, bureau_head):
    publish_version(bureau_officer, bureau_head, today=TODAY, effective_from=LATER, registered_capital_min="50000000")
    assert policy.policy_in_force(date(2026, 8, 31))["registered_capital_min"] == Decimal("30000000")
    assert policy.policy_in_force(LATER)["registered_capital_min"] == Decimal("50000000")
    assert policy.policy_in_force(LATER).number == 2


def test_the_head_returns_a_version_and_the_officer_revises_it(bureau_officer, bureau_head):
    version = policy_services.prepare_version(actor=bureau_officer, today=TODAY, values=values_with(),
                                              basis="文号", effective_from=LATER)
    policy_services.return_version(version, actor=bureau_head, today=TODAY, reason="请说明依据。")
    version = policy_services.revise_version(version, actor=bureau_officer, today=TODAY,
                                             values=values_with(publicity_working_days=7), basis="并商外贸发〔2026〕9 号",
                                             effective_from=LATER)
    assert version.status == PolicyVersionStatus.PREPARED and version.values["publicity_working_days"] == 7
    assert policy_services.changed_keys(version) == ["publicity_working_days"]
    published = policy_services.authorise_version(version, actor=bureau_head, today=TODAY)
    assert published.number == 2


def test_a_second_version_must_take_effect_after_the_latest_one(bureau_officer, bureau_head):
    publish_version(bureau_officer, bureau_head, today=TODAY, effective_from=LATER, publicity_working_days=7)
    earlier = policy_services.prepare_version(actor=bureau_officer, today=TODAY, values=values_with(),
                                              basis="文号", effective_from=date(2026, 8, 1))
    with pytest.raises(RuleRefused) as refused:
        policy_services.authorise_version(earlier, actor=bureau_head, today=TODAY)
    assert [r.code for r in refused.value.reasons] == ["not_after_version_in_force"]


def test_the_bureau_pages_prepare_prefilled_and_name_the_parameter_in_errors(client, bureau_officer, bureau_head):
    client.force_login(bureau_officer)
    page = client.get("/policy/versions/new/").content.decode()
    assert 'value="30000000"' in page and "办法第三条第2项" in page
    effective = (timezone.localdate() + timedelta(days=30)).isoformat()  # the pages judge as on the real day
    form = {"basis": "并商外贸发〔2026〕9 号", "effective_from": effective, "summary": ""}
    for param in policy.PARAMETERS:
        value = policy.initial_values()[param.key]
        if isinstance(value, dict):
            form.update({f"{param.key}__{row}": "" if v is None else v for row, v in value.items()})
        else:
            form[param.key] = value
    bad = client.post("/policy/versions/new/", {**form, "registered_capital_min": "-1"})
    assert bad.status_code == 400
    assert "注册资本下限（办法第三条第2项）：不得为负数" in bad.content.decode()
    good = client.post("/policy/versions/new/", {**form, "registered_capital_min": "50000000"})
    version = PolicyVersion.objects.get(status=PolicyVersionStatus.PREPARED)
    assert good.status_code == 302 and version.values["registered_capital_min"] == "50000000"
    assert version.values["service_life_years"]["noncommercial_passenger_small"] is None
    client.force_login(bureau_head)
    detail = client.get(f"/policy/versions/{version.pk}/").content.decode()
    assert "已调整" in detail and "签发并发布" in detail
    refused = client.post(f"/policy/versions/{version.pk}/authorise/", {})  # without the confirmation box
    version.refresh_from_db()
    assert refused.status_code == 302 and version.status == PolicyVersionStatus.PREPARED
    client.post(f"/policy/versions/{version.pk}/authorise/", {"confirm": "yes"})
    version.refresh_from_db()
    assert version.status == PolicyVersionStatus.PUBLISHED and version.number == 2


def test_the_bureau_pages_are_not_for_enterprises(client, enterprise_user):
    client.force_login(enterprise_user)
    assert client.get("/policy/versions/").status_code == 403
    assert client.get("/policy/versions/new/").status_code == 403


def test_a_returned_version_is_revised_on_its_page_prefilled_with_its_own_values(client, bureau_officer, bureau_head):
    effective = timezone.localdate() + timedelta(days=30)
    version = policy_services.prepare_version(actor=bureau_officer, today=timezone.localdate(),
                                              values=values_with(publicity_working_days=9), basis="文号",
                                              effective_from=effective)
    policy_services.return_version(version, actor=bureau_head, today=timezone.localdate(), reason="请说明依据。")
    client.force_login(bureau_officer)
    detail = client.get(f"/policy/versions/{version.pk}/").content.decode()
    assert "请说明依据。" in detail and "负责人退回" in detail
    page = client.get(f"/policy/versions/{version.pk}/edit/").content.decode()
    assert 'name="publicity_working_days"' in page and 'value="9"' in page and 'value="文号"' in page
