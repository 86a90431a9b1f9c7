"""The public notice list of a batch, as .docx and .xlsx, with the proposed amounts in 万元."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document
from python_calamine import CalamineWorkbook

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from zerobay.programs.workflow import State

from .factories import advance, eligible_enterprise, new_application

pytestmark = pytest.mark.django_db


def test_the_notice_lists_the_proposed_projects_in_both_formats(client, scenario):
    app = advance(scenario, new_application(scenario), State.PROPOSED, amount=Decimal("923400"))
    _e, user = eligible_enterprise(scenario, "浦江机器人科技有限公司")
    second = advance(
        scenario,
        new_application(scenario, user=user),
        State.PROPOSED,
        batch=app.batch,
        amount=Decimal("500000"),
    )
    client.force_login(scenario.staff)
    docx = Document(io.BytesIO(client.get(reverse("programs-notice-docx", args=[app.batch.code])).content))
    table = docx.tables[0]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["序号", "企业名称", "统一社会信用代码", "项目名称", "条款", "拟立项金额（万元）"]
    names = {r[1]: r[5] for r in rows[1:]}
    assert names == {scenario.enterprise.name: "92.34", second.enterprise.name: "50.00"}
    assert "合计 142.34 万元" in "\n".join(p.text for p in docx.paragraphs)

    data = client.get(reverse("programs-notice-xlsx", args=[app.batch.code])).content
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    amounts = {row[1]: row[5] for row in sheet[4:6]}
    assert amounts == {scenario.enterprise.name: 92.34, second.enterprise.name: 50.0}
    assert sheet[6][4] == "合计" and sheet[6][5] == pytest.approx(142.34)
