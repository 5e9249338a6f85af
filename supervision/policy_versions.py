"""The public policy page of the parameters (issue 24, 办法第一条 "如有调整，将另文明确"): the version in force
and every version before it, with effective dates, basis and what each changed. Beside the two policy
documents (supervision/documents.py). One query."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import PolicyVersion, PolicyVersionStatus
from portal.policy import PARAMETERS

from . import documents


def version_history(today):
    """(the version in force with its rows, [each published version, newest first, with its changes])."""
    versions = list(PolicyVersion.objects.filter(status=PolicyVersionStatus.PUBLISHED)
                    .order_by("effective_from", "number"))
    history, previous = [], None
    for version in versions:
        changes = []
        if previous is not None:
            before, after = previous.policy, version.policy
            changes = [{"param": p, "before": p.display(before[p.key]), "after": p.display(after[p.key])}
                       for p in PARAMETERS if before[p.key] != after[p.key]]
        history.append({"version": version, "changes": changes, "future": version.effective_from > today})
        previous = version
    in_force = next((h["version"] for h in reversed(history) if h["version"].effective_from <= today),
                    history[0]["version"] if history else None)
    for h in history:
        h["in_force"] = h["version"] is in_force
    return in_force, list(reversed(history))


def policy_versions(request):
    today = timezone.localdate()
    in_force, history = version_history(today)
    return render(request, "supervision/policy_versions.html", {
        "in_force": in_force, "rows": in_force.policy.rows() if in_force else [], "history": history,
        "today": today, "documents": documents.DOCUMENTS.values(),
        "crumbs": [(_("政策文件"), None), (_("政策参数及历次调整"), None)],
    })
