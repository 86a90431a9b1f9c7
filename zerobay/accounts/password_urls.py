"""Password change for every logged-in user and password reset by e-mail (Django's views, our pages).
The reset pages are open before login; the lock-out page links to them."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy

urlpatterns = [
    path("change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("reset/", login_not_required(auth_views.PasswordResetView.as_view()), name="password_reset"),
    path(
        "reset/sent/",
        login_not_required(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        login_not_required(
            auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete"))
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        login_not_required(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]
