"""The JSON API under /api/ (OpenAPI schema at /api/openapi.json, docs at /api/docs).

Every endpoint requires a Bearer token or a logged-in session (zerobay.api_auth) and answers
401 JSON otherwise. Errors are `{"detail": "..."}`; a missing object and one outside the caller's
org-unit scope both answer the same 404.
"""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as InputError
from ninja.renderers import JSONRenderer

from .api_auth import NOT_AUTHENTICATED, api_auth
from .api_schemas import Error, InputErrorOut
from .carriers.api import router as carriers_router
from .cultivation.api import router as cultivation_router
from .cultivation.chase.api import router as chase_router
from .indicators.api import router as indicators_router
from .matching.api import router as matching_router
from .programs.api import router as programs_router
from .registry.api import router as registry_router
from .reports.api import router as reports_router
from .service.api import router as service_router
from .statistics.api import router as statistics_router
from .statistics.services import ImportRefused
from .workplan.api import router as workplan_router

NOT_FOUND = "未找到：对象不存在，或不在您的权限范围内"
FORBIDDEN = "无权操作"


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Chinese as UTF-8, readable in any client


class ZerobayAPI(NinjaAPI):
    """A NinjaAPI whose URLs are exempt from LoginRequiredMiddleware: the API authenticates each
    call itself (401 JSON), so the middleware must not redirect API calls to the login page.
    The schema and docs pages are public; they hold no data."""

    def get_openapi_schema(self, **kwargs):
        """Every operation also answers 422 (input that breaks the declared parameters) and 429 (too
        many failed credentials: accounts.lockout) and 400 (a NUL character in the input, a body that
        is not JSON); declared once here rather than on every route."""
        schema = super().get_openapi_schema(**kwargs)
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        body = InputErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(body.pop("$defs", {}))
        schemas["InputErrorOut"] = body
        schemas.setdefault("Error", Error.model_json_schema())
        common = {
            "422": ("Input not valid", "InputErrorOut"),
            "429": ("Too many failed logins or token guesses: locked out for a while", "Error"),
            "400": ("The input holds a NUL character, or a body cannot be parsed", "Error"),
        }
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for code, (description, name) in common.items():
                    responses.setdefault(
                        code,
                        {
                            "description": description,
                            "content": {
                                "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}
                            },
                        },
                    )
        return schema

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:  # ninja's URLs are flat: URLPatterns only
            login_not_required(pattern.callback)
        return patterns, app_name, namespace


api = ZerobayAPI(
    title="zerobay API",
    version="1",
    description=(
        "大零号湾·张江高新区闵行园区管理平台的数据接口。认证：`Authorization: Bearer <令牌>`"
        "（`zerobay create_api_token USERNAME` 生成），或已登录的网页会话（非安全方法需 CSRF 令牌）。"
        "每个账号只能看到其组织单元范围内的数据。"
    ),
    urls_namespace="api",
    auth=api_auth(),
    renderer=Renderer(),
)
api.add_router("", registry_router)
api.add_router("", statistics_router)
api.add_router("", indicators_router)
api.add_router("", programs_router)
api.add_router("", cultivation_router)
api.add_router("", chase_router)
api.add_router("", matching_router)
api.add_router("", carriers_router)
api.add_router("", workplan_router)
api.add_router("", service_router)
api.add_router("", reports_router)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    message = NOT_AUTHENTICATED if exc.message == "Unauthorized" else exc.message
    response = api.create_response(request, {"detail": message}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(InputError)
def _invalid_input(request, exc):
    """422 with one readable `detail` (where and what) besides the list of errors."""
    parts = []
    for error in exc.errors:
        where = ".".join(str(x) for x in error.get("loc", ()) if x not in ("body", "payload"))
        parts.append(f"{where}: {error.get('msg', '')}" if where else str(error.get("msg", "")))
    errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors]
    return api.create_response(request, {"detail": "; ".join(parts), "errors": errors}, status=422)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": NOT_FOUND}, status=404)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    # A refused action (zerobay.access.require / role_required) is a 403 with its reason.
    return api.create_response(request, {"detail": str(exc) or FORBIDDEN}, status=403)


@api.exception_handler(ImportRefused)
def _refused(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)
