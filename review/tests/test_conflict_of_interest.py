"""办法第五条 (公开、公平、公正): a member declares before seeing an application; a conflict excludes them."""

import pytest

from applications.selectors import applications_visible_to

from .factories import full_marks_but, round_with

pytestmark = pytest.mark.django_db


def _url(entry, tail):
    return f"/api/v1/applications/{entry.application_id}/{tail}/"


def test_scoring_before_declaring_is_a_409_conflict_not_declared(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, declare=False)
    response = api(panel[0]).put(_url(entry, "my-score"), {"criteria": full_marks_but(review_round)}, format="json")
    assert response.status_code == 409
    assert response.json()["reasons"][0]["code"] == "conflict_not_declared"


def test_a_member_declares_once_per_application(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, declare=False)
    first = api(panel[0]).post(_url(entry, "conflict-declaration"), {"conflict": False, "statement": "无"},
                               format="json")
    assert first.status_code == 201
    assert first.json()["conflict"] is False
    again = api(panel[0]).post(_url(entry, "conflict-declaration"), {"conflict": True}, format="json")
    assert again.status_code == 409
    assert again.json()["reasons"][0]["code"] == "already_declared"


def test_a_conflicted_member_gets_403_on_the_score_endpoints_and_the_page(api, client, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, declare=False)
    member = panel[0]
    api(member).post(_url(entry, "conflict-declaration"), {"conflict": True, "statement": "曾任该企业顾问"},
                     format="json")
    assert api(member).put(_url(entry, "my-score"), {"criteria": full_marks_but(review_round)},
                           format="json").status_code == 403
    assert api(member).get(_url(entry, "my-score")).status_code == 403
    assert api(member).get(_url(entry, "scores")).status_code == 403
    client.force_login(member)
    assert client.get(f"/review/entries/{entry.pk}/").status_code == 403


def test_a_conflicted_member_cannot_see_the_application_but_a_declared_clean_one_can(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, declare=False)
    conflicted, clean, undeclared = panel
    api(conflicted).post(_url(entry, "conflict-declaration"), {"conflict": True}, format="json")
    api(clean).post(_url(entry, "conflict-declaration"), {"conflict": False}, format="json")
    assert not applications_visible_to(conflicted).filter(pk=entry.application_id).exists()
    assert not applications_visible_to(undeclared).filter(pk=entry.application_id).exists()
    assert applications_visible_to(clean).filter(pk=entry.application_id).exists()


def test_an_expert_outside_the_round_gets_404(api, bureau_officer, expert):
    review_round, panel, [entry] = round_with(bureau_officer)
    assert api(expert).get(_url(entry, "scores")).status_code == 404
    assert api(expert).post(_url(entry, "conflict-declaration"), {"conflict": False}, format="json").status_code == 404


def test_the_bureau_sees_the_declarations(client, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, declare=False)
    client.force_login(panel[0])
    client.post(f"/review/entries/{entry.pk}/", {"conflict": "yes", "statement": "亲属在该企业任职"})
    client.force_login(bureau_officer)
    page = client.get(f"/review/entries/{entry.pk}/").content.decode()
    assert "亲属在该企业任职" in page
    assert "存在利益冲突" in page


def test_article_5_the_experts_read_right_is_a_django_guardian_object_permission_granted_by_a_clean_declaration(
    api, bureau_officer
):
    from guardian.shortcuts import get_users_with_perms

    review_round, panel, [entry] = round_with(bureau_officer, declare=False)
    conflicted, clean, undeclared = panel
    api(conflicted).post(_url(entry, "conflict-declaration"), {"conflict": True}, format="json")
    api(clean).post(_url(entry, "conflict-declaration"), {"conflict": False}, format="json")
    application = entry.application
    assert clean.has_perm("applications.view_application", application)
    assert not conflicted.has_perm("applications.view_application", application)
    assert not undeclared.has_perm("applications.view_application", application)
    assert list(get_users_with_perms(application, only_with_perms_in=["view_application"])) == [clean]
    assert api(clean).get(f"/api/v1/applications/{application.pk}/").status_code == 200
    assert api(conflicted).get(f"/api/v1/applications/{application.pk}/").status_code == 404
