"""Password rules for MLPS 2.0 level 2 (GB/T 22239-2019 8.1.4.1 a; issue 22 point 7).

Length (MinimumLengthValidator, 10), at least three of four character classes, none of the last
five passwords again, and an optional maximum age (PASSWORD_MAX_AGE_DAYS, 0 = never expires).
A password change also ends every API token of the user (api.md v1.1 "Authentication").
"""

import string
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

CHARACTER_CLASSES = (
    ("lower", str.islower),
    ("upper", str.isupper),
    ("digit", str.isdigit),
    ("symbol", lambda ch: ch in string.punctuation or not ch.isalnum()),
)


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits and symbols the password uses."""
    return sum(any(test(ch) for ch in password) for _name, test in CHARACTER_CLASSES)


def is_expired(changed_at, *, now, max_age_days: int) -> bool:
    """PASSWORD_MAX_AGE_DAYS: 0 switches expiry off; a password never changed here counts as new."""
    return bool(max_age_days) and changed_at is not None and now - changed_at > timedelta(days=max_age_days)


def password_expired(user) -> bool:
    return is_expired(getattr(user, "password_changed_at", None), now=timezone.now(),
                      max_age_days=settings.PASSWORD_MAX_AGE_DAYS)


class CharacterClassesValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _("密码须至少包含大写字母、小写字母、数字、符号中的 %(n)d 类。") % {"n": self.min_classes}


class PasswordHistoryValidator:
    """Refuses the last `count` passwords; records each new one (Django calls password_changed on save)."""

    def __init__(self, count: int = 5):
        self.count = count

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        recent = list(user.password_history.values_list("password", flat=True)[: self.count])
        if user.password and user.password not in recent:  # set before the history was kept
            recent = [user.password, *recent][: self.count]
        if any(check_password(password, encoded) for encoded in recent):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def password_changed(self, password, user=None):
        if user is None or user.pk is None:
            return
        from .models import PasswordHistory, User
        from .tokens import end_all_tokens

        now = timezone.now()
        PasswordHistory.objects.create(user=user, password=user.password, created_at=now)
        keep = list(user.password_history.values_list("id", flat=True)[: self.count])
        user.password_history.exclude(id__in=keep).delete()
        User.objects.filter(pk=user.pk).update(password_changed_at=now)
        user.password_changed_at = now
        end_all_tokens(user)

    def get_help_text(self):
        return ngettext("新密码不得与最近 %(n)d 次使用过的密码相同。", "新密码不得与最近 %(n)d 次使用过的密码相同。",
                        self.count) % {"n": self.count}


class PasswordExpiryMiddleware:
    """With PASSWORD_MAX_AGE_DAYS set, a signed-in user whose password is too old is sent to the
    password change page (and may log out) until it is changed; the API refuses tokens (403)."""

    ALLOWED = ("password_change", "password_change_done", "logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.shortcuts import redirect

        user = getattr(request, "user", None)
        if not settings.PASSWORD_MAX_AGE_DAYS or not getattr(user, "is_authenticated", False):
            return None
        match = request.resolver_match
        if match is None or match.url_name in self.ALLOWED or request.path.startswith("/api/"):
            return None
        if password_expired(user):
            return redirect("password_change")
        return None
