"""Issue 22 point 5: with Redis down, lodging a public complaint still works and is still limited."""

import pytest

from supervision.models import Complaint

pytestmark = pytest.mark.django_db

DEAD_REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": "redis://127.0.0.1:1/0", "OPTIONS": {"socket_connect_timeout": 0.2}}}


@pytest.fixture
def redis_down(settings):
    from portal.throttling import process_cache

    settings.CACHES = {**settings.CACHES, **DEAD_REDIS}
    process_cache.clear()
    yield
    process_cache.clear()


def _body(pilot):
    return {"enterprise": pilot.uscc, "category": "aftersales", "description": "配件三个月未到。",
            "contact_name": "Aibek Nurlan", "contact_email": "aibek@example.kz"}


def test_with_redis_down_a_public_complaint_is_lodged_not_a_500(api, pilot, pilot_staff, redis_down):
    response = api(None).post("/api/v1/public/complaints/", _body(pilot), format="json")
    assert response.status_code == 201, response.content
    assert Complaint.objects.filter(number=response.json()["number"]).exists()


def test_with_redis_down_the_limit_still_holds_per_address_counted_in_the_process(api, pilot, redis_down):
    client = api(None)
    answers = [client.post("/api/v1/public/complaints/", _body(pilot), format="json",
                           REMOTE_ADDR="203.0.113.9").status_code for _ in range(61)]
    assert answers[:60] == [201] * 60
    assert answers[60] == 429
    other = client.post("/api/v1/public/complaints/", _body(pilot), format="json", REMOTE_ADDR="203.0.113.10")
    assert other.status_code == 201


def test_with_the_broker_down_the_complaint_is_lodged_and_its_e_mail_left_for_the_resend_job(
    api, pilot, pilot_staff, bureau_officer, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from portal.models import Notification
    from portal.tasks import send_notification_email

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_notification_email, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = api(None).post("/api/v1/public/complaints/", _body(pilot), format="json")
    assert callbacks  # the enqueue was attempted, and failed
    assert response.status_code == 201, response.content
    assert Notification.objects.filter(recipient=bureau_officer, emailed_at__isnull=True).exists()
