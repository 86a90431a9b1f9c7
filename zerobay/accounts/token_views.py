"""A user's API tokens: listed with name, prefix, last use and expiry; created (the key shown once)
and revoked by their owner; a district admin sees and revokes everyone's."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import tokens


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("What it is for"), max_length=100)
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"),
        min_value=1,
        max_value=tokens.MAX_DAYS,
        initial=tokens.DEFAULT_DAYS,
    )


def token_list(request):
    form = TokenForm(request.POST or None)
    key = None
    if request.method == "POST" and form.is_valid():
        token, key = tokens.create_token(
            request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"], actor=request.user
        )
        form = TokenForm()
    rows = tokens.visible_tokens(request.user).order_by("-created_at")[:200]
    return render(request, "accounts/token_list.html", {"form": form, "tokens": rows, "new_key": key})


@require_POST
def revoke(request, pk: int):
    token = tokens.access_token_by_id(request.user, pk)
    tokens.revoke_token(token, actor=request.user)
    messages.success(request, _("Token %(prefix)s… revoked.") % {"prefix": token.prefix})
    return redirect("token-list")
