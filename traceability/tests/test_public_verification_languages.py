"""Issue 21 / api.md v1.1: the public verification page and its API answer in zh-hans, en, ru and ar (by
Accept-Language or ?lang=), the page right-to-left in Arabic."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence(issued):
    return issued[0]


@pytest.mark.parametrize(("language", "direction", "heading", "valid_until"), [
    ("zh-hans", "ltr", "出口许可证查验", "有效期至"),
    ("en", "ltr", "Export licence verification", "Valid until"),
    ("ru", "ltr", "Проверка экспортной лицензии", "Действительна до"),
    ("ar", "rtl", "التحقق من ترخيص التصدير", "صالح حتى"),
])
def test_the_licence_check_page_speaks_each_language_in_its_direction(client, licence, language, direction, heading,
                                                                      valid_until):
    url = f"/verify/licence/{licence.number}/"
    for response in (client.get(url, {"code": licence.check_code}, HTTP_ACCEPT_LANGUAGE=language),
                     client.get(url, {"code": licence.check_code, "lang": language}, HTTP_ACCEPT_LANGUAGE="zh-hans")):
        page = response.content.decode()
        assert f'lang="{language}" dir="{direction}"' in page
        assert heading in page and valid_until in page


def test_the_api_answers_in_the_language_asked_for(api, licence):
    anonymous = api(None)
    url = f"/api/v1/public/licences/{licence.number}/"
    labels = {lang: anonymous.get(url, {"code": licence.check_code, "lang": lang}).json()["status_label"]
              for lang in ("zh-hans", "en", "ru", "ar")}
    assert labels == {"zh-hans": "已签发", "en": "Issued", "ru": "Выдана", "ar": "صادر"}
    russian = anonymous.get(url, {"code": licence.check_code}, HTTP_ACCEPT_LANGUAGE="ru")
    assert russian.json()["status_label"] == "Выдана" and russian["Content-Language"] == "ru"


def test_the_search_the_too_many_page_and_the_heads_page_are_translated(client, settings):
    settings.PUBLIC_VERIFY_RATE = "2/minute"
    assert "Проверка лицензии и автомобиля" in client.get("/verify/", {"lang": "ru"}).content.decode()
    assert "رؤوس شجرة سجل الأحداث" in client.get("/verify/log/", {"lang": "ar"}).content.decode()
    refused = client.get("/verify/", {"lang": "ar"})
    assert refused.status_code == 429 and "عمليات تحقق كثيرة جدًا" in refused.content.decode()
