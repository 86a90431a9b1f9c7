"""Login, logout, the navigation bar, the language switch and the audit log."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factories import UserFactory
from zerobay.accounts import audit
from zerobay.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_pages_need_a_login(client):
    for name in ("home", "enterprise-list", "import-list", "import-new", "audit-list"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_login_page_is_chinese_and_logs_in(client, operator):
    page = client.get(reverse("login")).content.decode()
    assert "登录" in page and "大零号湾科技园区管理平台" in page and "用户名" in page
    response = client.post(reverse("login"), {"username": "op-dlhw", "password": PASSWORD}, follow=True)
    page = response.content.decode()
    # The bar shows who is logged in, the role and the scope.
    assert "op-dlhw" in page and "子园运营方 · 大零号湾" in page


def test_wrong_password_is_refused_in_chinese(client, operator):
    response = client.post(reverse("login"), {"username": "op-dlhw", "password": "wrong"})
    assert "请输入一个正确的用户名和密码" in response.content.decode()


def test_logout(client, operator):
    client.force_login(operator)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302


def test_district_users_see_whole_district_as_scope(client, admin_user, viewer):
    client.force_login(admin_user)
    assert "区科委管理员 · 全区" in client.get(reverse("home")).content.decode()
    client.force_login(viewer)
    page = client.get(reverse("home")).content.decode()
    assert "只读用户 · 全区" in page
    assert reverse("audit-list") not in page  # no audit log in the viewer's menu


def test_language_switch_to_english_and_back(client, operator):
    client.force_login(operator)
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("enterprise-list")}, follow=True
    )
    page = response.content.decode()
    assert "Export to Excel" in page and "Sub-park operator" in page
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"}, follow=True)
    assert "导入数据文件" in response.content.decode()


def test_language_switch_on_the_login_page(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")}, follow=True)
    assert "Log in" in response.content.decode() and "Username" in response.content.decode()


def test_audit_log_is_scoped(client, admin_user, operator, viewer, district):
    audit.record(
        "registry.enterprise.updated",
        actor=admin_user,
        object_type="registry.enterprise",
        object_id=1,
        org_unit_path=district["block"].path,
        summary="向阳园的企业",
        changes={"name": ["旧名", "新名"]},
    )
    audit.record(
        "registry.enterprise.updated",
        actor=admin_user,
        object_type="registry.enterprise",
        object_id=2,
        org_unit_path=district["zizhu"].path,
        summary="紫竹的企业",
    )
    audit.record(
        "statistics.import.committed",
        actor=admin_user,
        object_type="statistics.importbatch",
        object_id=9,
        org_unit_path="",
        summary="全区导入",
        changes={"rows_imported": 12},
    )

    client.force_login(admin_user)
    page = client.get(reverse("audit-list")).content.decode()
    assert "审计日志" in page and "向阳园的企业" in page and "紫竹的企业" in page and "全区导入" in page
    assert "<del>旧名</del> → <ins>新名</ins>" in page and "导入行数" in page
    filtered = client.get(reverse("audit-list"), {"action": "statistics.import.committed"}).content.decode()
    assert "全区导入" in filtered and "紫竹的企业" not in filtered

    client.force_login(operator)
    page = client.get(reverse("audit-list")).content.decode()
    assert "向阳园的企业" in page and "紫竹的企业" not in page and "全区导入" not in page

    client.force_login(viewer)
    response = client.get(reverse("audit-list"))
    assert response.status_code == 403 and "无权操作" in response.content.decode()


def test_operator_without_org_unit_sees_nothing(client, two_enterprises):
    lost = UserFactory(username="lost", role=Role.OPERATOR)
    client.force_login(lost)
    page = client.get(reverse("enterprise-list")).content.decode()
    assert "没有符合条件的企业" in page
    assert "未分配园区" in page  # its scope, in the bar
    assert client.get(reverse("import-list")).status_code == 200
    assert client.get(reverse("audit-list")).status_code == 200
