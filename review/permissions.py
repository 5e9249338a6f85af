"""Object-level rights held in django-guardian.

办法第五条: a panel member who declares no conflict of interest with an application may read it;
a conflicted or undeclared member may not. The declaration grants the per-object permission, and
the applications app reads the grants (applications.selectors.register_expert_visibility).
"""

from guardian.shortcuts import assign_perm, get_objects_for_user

VIEW_APPLICATION = "applications.view_application"


def grant_on_declaration(sender, instance, created, **kwargs) -> None:
    """post_save of ConflictDeclaration: a clean declaration grants the expert that application."""
    if created and not instance.conflict:
        assign_perm(VIEW_APPLICATION, instance.member, instance.entry.application)


def applications_granted_to(user):
    """Ids of the applications this expert holds the object permission for."""
    from applications.models import Application

    return get_objects_for_user(
        user, VIEW_APPLICATION, klass=Application, accept_global_perms=False, with_superuser=False
    ).values("pk")
