"""A user's credentials: password change for every logged-in user, password reset by e-mail (Django's
views, our pages; open before login, the lock-out page links to them), and API tokens."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy

from . import token_views

urlpatterns = [
    path("tokens/", token_views.token_list, name="token-list"),
    path("tokens/<int:pk>/revoke/", token_views.revoke, name="token-revoke"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "password/reset/", login_not_required(auth_views.PasswordResetView.as_view()), name="password_reset"
    ),
    path(
        "password/reset/sent/",
        login_not_required(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        login_not_required(
            auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete"))
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        login_not_required(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]
