"""Who is calling the JSON API: a Bearer token (scripts, other systems) or the Django session
(the web app's own pages, with CSRF enforced on unsafe methods).

Both put the user on `request.auth`. A request with neither gets 401 JSON: the API's URLs are
exempt from LoginRequiredMiddleware (see zerobay.api), so nothing redirects to the login page.
"""

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from zerobay.accounts.lockout import token_guessing_allowed, token_refused
from zerobay.accounts.tokens import authenticate_key

NOT_AUTHENTICATED = "未登录：请登录后使用，或以 Authorization: Bearer <令牌> 调用"
KEY_REFUSED = "API 令牌无效、已吊销，或其账号已停用"
CSRF_FAILED = "CSRF 校验失败：请刷新页面后重试"
LOCKED_OUT = "尝试次数过多：此地址暂时不能使用 API 令牌，请稍后再试"


class BearerToken(HttpBearer):
    """`Authorization: Bearer <key>`. A presented key that is wrong is refused outright (401),
    never passed on to the session check."""

    def authenticate(self, request: HttpRequest, token: str):
        if not token_guessing_allowed(request):
            raise HttpError(429, LOCKED_OUT)
        user = authenticate_key(token.strip())
        if user is None:
            token_refused(request)
            raise AuthenticationError(401, KEY_REFUSED)
        request.user = user  # so that code reading request.user sees the token's user
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in user of the web app. CSRF is checked for a session user only, so an
    anonymous call still answers 401, not 403."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, CSRF_FAILED)
        return user

    def authenticate(self, request: HttpRequest, key: str | None):  # pragma: no cover - see __call__
        return None


def api_auth() -> list:
    return [BearerToken(), SessionAuth()]
