"""Issue 25: what base.html renders once and shares — the main menu per menu key and language — and the
select widget written without one template include per option. Both must show exactly what they did."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from portal.dashboard import nav_for, nav_key

pytestmark = pytest.mark.django_db


def menu(html: str) -> list[str]:
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'href="([^"]+)"', nav)


def test_issue_25_each_user_sees_the_menu_of_their_own_roles_and_conditions(client, pilot_user, enterprise_user,
                                                                             bureau_officer, auditor, expert):
    """Rendered once per key and shared: a second user with another key must not get the first one's menu
    (a pilot and a non-pilot enterprise differ only in a condition, 办法第五条)."""
    users = [pilot_user, enterprise_user, bureau_officer, auditor, expert, pilot_user]
    shown = {}
    for user in users:
        client.force_login(user)
        shown[user.pk] = menu(client.get("/home/").content.decode())
        expected = [link["url"] for link in nav_for(user)]
        assert [url for url in shown[user.pk] if url in expected] == expected
    assert nav_key(pilot_user) != nav_key(enterprise_user)
    assert "/vehicles/" in shown[pilot_user.pk] and "/vehicles/" not in shown[enterprise_user.pk]
    assert shown[bureau_officer.pk] != shown[pilot_user.pk] != shown[auditor.pk]


def test_issue_25_a_pilot_that_leaves_gets_the_other_menu_on_its_next_page(client, pilot_user):
    from portal.models import PilotStatus

    client.force_login(pilot_user)
    assert "/vehicles/" in menu(client.get("/home/").content.decode())
    pilot_user.organisation.pilot_status = PilotStatus.NONE
    pilot_user.organisation.save(update_fields=["pilot_status"])
    assert "/vehicles/" not in menu(client.get("/home/").content.decode())


class Pick(forms.Form):
    one = forms.ChoiceField(choices=[("a", "<b>甲</b>"), ("b&c", '乙 "引号"'), ("", "全部")], required=False)
    grouped = forms.ChoiceField(choices=[("北方", [("x", "X<")]), ("y", "Y")], required=False)


def test_issue_25_the_select_widget_renders_what_djangos_own_template_does_escaped():
    ours = Pick({"one": "b&c", "grouped": "x"})
    django_own = Pick({"one": "b&c", "grouped": "x"}, renderer=DjangoTemplates())
    for name in ("one", "grouped"):
        assert str(ours[name]).split() == str(django_own[name]).split()  # the same markup, newlines aside
    html = str(ours["one"])
    assert '<option value="a">&lt;b&gt;甲&lt;/b&gt;</option>' in html
    assert '<option value="b&amp;c" selected>乙 &quot;引号&quot;</option>' in html
    assert '<optgroup label="北方">' in str(ours["grouped"]) and '<option value="x" selected>X&lt;</option>' in str(ours["grouped"])
