"""In-app notifications and the scope of the roles that work outside the org-unit tree."""

from zerobay.accounts.models import Notification, Role
from zerobay.accounts.notifications import notify
from zerobay.registry.access import visible_enterprises

from ..factories import UserFactory


def test_a_user_sees_only_their_own_notifications_and_can_mark_them_read(client, district, operator, viewer):
    notify([operator], title="您的申报已退回补正", body="请在 5 日内补充材料", link="/programs/")
    notify([viewer], title="别人的通知")
    client.force_login(operator)
    page = client.get("/accounts/notifications/").content.decode()
    assert "您的申报已退回补正" in page and "别人的通知" not in page
    assert 'class="badge badge-red">1<' in page  # the unread count in the top bar
    client.post("/accounts/notifications/")
    assert not Notification.objects.filter(user=operator, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=viewer, read_at__isnull=True).count() == 1
    assert "badge badge-red" not in client.get("/accounts/notifications/").content.decode()


def test_enterprise_users_and_experts_see_no_district_data(district, two_enterprises):
    mine, _ = two_enterprises
    company = UserFactory(username="ent", role=Role.ENTERPRISE, enterprise=mine)
    expert = UserFactory(username="exp", role=Role.EXPERT)
    finance = UserFactory(username="fin", role=Role.FINANCE)
    assert not visible_enterprises(company).exists()
    assert not visible_enterprises(expert).exists()
    # Finance works on the money of funded projects: no enterprise's figures.
    assert not visible_enterprises(finance).exists() and not finance.sees_enterprise_figures
    assert not company.sees_district_data and finance.sees_district_data
