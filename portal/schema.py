"""OpenAPI descriptions of the portal's own authentication classes (drf-spectacular extensions)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object


class PortalTokenScheme(OpenApiAuthenticationExtension):
    target_class = "portal.tokens.PortalTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")


class IntegrationKeyScheme(OpenApiAuthenticationExtension):
    target_class = "portal.integration_keys.IntegrationKeyAuthentication"
    name = "integrationKey"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Api-Key")


# api.md "Conventions": the error answers every operation may give, documented once for all of them
# (issue 22 point 3: every status code the API answers is in the schema).
_DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}}
_ERRORS = {
    "400": ("请求有误：逐字段说明 (field errors, api.md)", {"type": "object"}),
    "401": ("未登录或令牌无效 (not authenticated)", _DETAIL),
    "403": ("无权执行此操作 (the role may not do this)", _DETAIL),
    "404": ("不存在或不可见 (not found or not visible to you)", _DETAIL),
    "409": ("规则不允许 (the rules refuse: detail and reasons)", {
        "type": "object",
        "properties": {
            "detail": {"type": "string"},
            "reasons": {"type": "array", "items": {"type": "object", "properties": {
                "code": {"type": "string"}, "article": {"type": "string"}, "message": {"type": "string"}}}},
        },
    }),
    "429": ("请求过于频繁，请稍后再试 (too many requests; see Retry-After)", _DETAIL),
}
_WRITE_METHODS = {"post", "put", "patch", "delete"}


def document_error_answers(result, generator, request, public):
    """drf-spectacular post-processing hook: add the convention's error answers to every operation
    that does not describe them itself (409 only where the operation changes something)."""
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for status, (description, schema) in _ERRORS.items():
                if status == "409" and method not in _WRITE_METHODS:
                    continue
                operation["responses"].setdefault(
                    status, {"description": description, "content": {"application/json": {"schema": schema}}}
                )
    return result
