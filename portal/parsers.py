"""Request parsers and a middleware that turn malformed input into a 400 naming the field.

api.md v1.1 "Bad input": a body that is not a JSON object, nesting deeper than 64, NUL bytes
anywhere (PostgreSQL cannot store them in text or jsonb) are 400s, never a 500, and write nothing.
The checks sit where the bytes are parsed, so no view has to remember them.
"""

import json

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ValidationError

MAX_JSON_DEPTH = 64
NON_FIELD = "non_field_errors"


def _nul_message() -> str:
    return _("不得包含 NUL（\\0）字符。")


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def check_json_value(value) -> None:
    """Raise a 400 when `value` is not an object, is nested deeper than MAX_JSON_DEPTH or holds NUL.

    Walked with an explicit stack: the point is to survive input a recursive walk would not.
    """
    if not isinstance(value, dict):
        raise _refuse(NON_FIELD, _("请求体须为 JSON 对象。"))
    stack = [(value, 1, None)]
    while stack:
        node, depth, field = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise _refuse(NON_FIELD, _("JSON 嵌套层数不得超过 %(depth)d 层。") % {"depth": MAX_JSON_DEPTH})
        if isinstance(node, dict):
            for key, item in node.items():
                name = field or key
                if "\x00" in key:
                    raise _refuse(NON_FIELD, _nul_message())
                if isinstance(item, (dict, list)):
                    stack.append((item, depth + 1, name))
                elif isinstance(item, str) and "\x00" in item:
                    raise _refuse(name, _nul_message())
        else:
            for item in node:
                if isinstance(item, (dict, list)):
                    stack.append((item, depth + 1, field))
                elif isinstance(item, str) and "\x00" in item:
                    raise _refuse(field or NON_FIELD, _nul_message())


class JSONObjectParser(parsers.JSONParser):
    """DRF's JSON parser, refusing what api.md calls malformed before any view sees it."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding) if stream is not None else ""
        except UnicodeDecodeError:
            raise _refuse(NON_FIELD, _("请求体须为 UTF-8 编码的 JSON。")) from None
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except RecursionError:
            raise _refuse(
                NON_FIELD, _("JSON 嵌套层数不得超过 %(depth)d 层。") % {"depth": MAX_JSON_DEPTH}
            ) from None
        except ValueError as exc:
            raise _refuse(NON_FIELD, _("JSON 格式错误：%(error)s") % {"error": exc}) from None
        check_json_value(data)
        return data


def _refuse_constant(name):
    # NaN and Infinity are not JSON (RFC 8259); Python's parser accepts them by default.
    raise ValueError(name)


def _check_form(data) -> None:
    for key, values in data.lists():
        if "\x00" in key:
            raise _refuse(NON_FIELD, _nul_message())
        if any(isinstance(v, str) and "\x00" in v for v in values):
            raise _refuse(key, _nul_message())


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        _check_form(data)
        return data


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        _check_form(result.data)
        return result


class RefuseNulBytesMiddleware:
    """A NUL byte in the path or a query parameter is a 400 naming it (issue 22 point 3)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        field = None
        if "\x00" in request.path:
            field = "path"
        else:
            for key, values in request.GET.lists():
                if "\x00" in key or any("\x00" in v for v in values):
                    field = key.replace("\x00", "") or NON_FIELD
                    break
        if field is not None:
            return JsonResponse({field: [_nul_message()]}, status=400, json_dumps_params={"ensure_ascii": False})
        return self.get_response(request)
