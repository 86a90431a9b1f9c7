"""Guessing is throttled: repeated wrong passwords lock the username on that address, wrong API keys
lock the address out of the API, each lock-out leaves an audit record. Weak passwords are refused,
every user can change theirs and reset it by e-mail, and nobody edits or deletes the audit log."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factories import UserFactory
from zerobay.accounts.models import AuditRecord, Role
from zerobay.accounts.tokens import create_token

pytestmark = pytest.mark.django_db


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_twenty_wrong_passwords_lock_the_account_on_that_address(client, admin_user):
    answers = [_login(client, admin_user.username, "wrong-password").status_code for _ in range(20)]
    assert answers[0] == 200  # the login page again, with its error
    assert answers[-1] == 429
    response = _login(client, admin_user.username, PASSWORD)  # the right password, too late
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "登录失败次数过多" in page and "30 分钟" in page
    assert response["Retry-After"] == str(30 * 60)
    record = AuditRecord.objects.get(action="accounts.locked_out")
    assert record.changes["username"] == admin_user.username and record.changes["ip_address"] == "10.0.0.1"
    # The same user from another address is not locked out by someone else's guessing.
    assert _login(client, admin_user.username, PASSWORD, ip="10.0.0.2").status_code == 302


def test_the_lockout_page_speaks_english_in_the_english_ui(client, admin_user):
    client.cookies["django_language"] = "en"
    for _ in range(10):
        response = _login(client, admin_user.username, "wrong-password")
    assert response.status_code == 429
    assert "failed attempts" in response.content.decode()


def test_guessing_api_keys_locks_the_address_out_of_the_api(client, admin_user):
    _token, key = create_token(admin_user, name="script")
    url = "/api/enterprises"
    wrong = [client.get(url, HTTP_AUTHORIZATION="Bearer zb_wrong", REMOTE_ADDR="10.0.0.9") for _ in range(10)]
    assert [r.status_code for r in wrong[:9]] == [401] * 9
    assert wrong[9].status_code == 429 and "30 分钟" in wrong[9].json()["detail"]
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}", REMOTE_ADDR="10.0.0.9").status_code == 429
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}", REMOTE_ADDR="10.0.0.8").status_code == 200
    assert AuditRecord.objects.filter(action="accounts.locked_out", object_id="api-token:").exists()


@pytest.mark.parametrize("weak", ["12345678", "password", "1234567890", "qwertyuiop"])
def test_weak_passwords_are_refused(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)


def test_every_user_changes_their_password(client, district):
    user = UserFactory(username="qiye-a", role=Role.ENTERPRISE)
    client.force_login(user)
    url = reverse("password_change")
    assert client.get(url).status_code == 200
    refused = client.post(
        url, {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"}
    )
    assert refused.status_code == 200 and "这个密码太常见了" in refused.content.decode()
    new = "Lingang-bay-2026!"
    response = client.post(url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(new)


def test_a_forgotten_password_is_reset_by_email(client, district):
    user = UserFactory(username="qiye-b", role=Role.ENTERPRISE, email="owner@example.com")
    response = client.post(reverse("password_reset"), {"email": "owner@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["owner@example.com"]
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    new = "Zizhu-campus-2026!"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, district):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302 and not mail.outbox


def test_nobody_edits_or_deletes_audit_records_in_the_admin(client, district):
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True, role=Role.DISTRICT_ADMIN)
    record = AuditRecord.objects.create(action="statistics.import.committed", object_type="x", object_id="1")
    client.force_login(superuser)
    assert client.get(reverse("admin:accounts_auditrecord_changelist")).status_code == 200
    delete = reverse("admin:accounts_auditrecord_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:accounts_auditrecord_change", args=[record.pk])
    client.post(change, {"action": "tampered"})
    record.refresh_from_db()
    assert record.action == "statistics.import.committed"
    assert AuditRecord.objects.filter(pk=record.pk).exists()
