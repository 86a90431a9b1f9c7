"""Builders for programme tests: valid documents to upload, annual figures, and `advance`, which
drives an application through the real services to a given state (no row written by hand)."""

import datetime
import io
from decimal import Decimal

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from zerobay.accounts.models import Role
from zerobay.programs import services
from zerobay.programs.workflow import State
from zerobay.statistics.models import AnnualReport, ImportBatch

from ..factories import EnterpriseFactory, QualificationFactory, UserFactory


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def xlsx_bytes() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["项目", "金额"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def pdf_upload(name: str = "申报书.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def annual_report(enterprise, year: int, *, revenue, rd_expenditure, employees=50, **fields) -> AnnualReport:
    """A Torch annual report row (yuan), with the minimal import batch it must come from."""
    batch = ImportBatch.objects.create(
        form="torch_annual",
        year=year,
        file="imports/test.xlsx",
        original_name="test.xlsx",
        channel="demo",
        status="imported",
    )
    zero = Decimal(0)
    values = dict(
        employees=employees,
        revenue=Decimal(revenue),
        industrial_output=zero,
        net_profit=zero,
        taxes_paid=zero,
        exports=zero,
        rd_expenditure=Decimal(rd_expenditure),
        value_added=zero,
        hightech_revenue=zero,
    )
    values.update(fields)
    return AnnualReport.objects.create(enterprise=enterprise, year=year, batch=batch, source_row=2, **values)


def eligible_enterprise(s, name: str, *, org_unit=None):
    """Another enterprise meeting every machine condition of clause C01, with its enterprise user."""
    today = timezone.localdate()
    enterprise = EnterpriseFactory(
        name=name, org_unit=org_unit or s.district["dlhw"], founded=today.replace(year=today.year - 3)
    )
    enterprise.industries.add(s.track)
    QualificationFactory(
        enterprise=enterprise,
        valid_from=today - datetime.timedelta(days=30),
        valid_to=today + datetime.timedelta(days=900),
    )
    annual_report(enterprise, today.year - 1, revenue=20_000_000, rd_expenditure=1_000_000)
    user = UserFactory(username=f"ent-{enterprise.pk}", role=Role.ENTERPRISE, enterprise=enterprise)
    return enterprise, user


def new_application(s, *, user=None, clause=None, amount=Decimal("1000000"), attach=True, **fields):
    """A draft of the scenario's enterprise (or `user`'s) with its required plan attached."""
    user = user or s.enterprise_user
    app = services.create_application(
        user,
        s.call,
        clause or s.clause,
        title=fields.pop("title", "智能机器人关节模组产业化"),
        summary=fields.pop("summary", "研发并量产协作机器人关节模组"),
        requested_amount=amount,
        targets=fields.pop("targets", [{"name": "新增营业收入", "unit": "万元", "target": 500}]),
        **fields,
    )
    if attach:
        services.attach(app, "plan", pdf_upload(), user)
    return app


# The path of `advance`, state by state.
PATH = (
    State.SUBMITTED,
    State.CHECKED,
    State.IN_REVIEW,
    State.REVIEWED,
    State.PROPOSED,
    State.APPROVED,
    State.PAYING,
    State.PAID,
)


def advance(s, app, to: str, *, amount=None, batch=None):
    """Moves `app` (draft) along the main path to state `to` through the services, as the enterprise,
    staff (district admin), both experts and finance would."""
    amount = Decimal(amount or app.requested_amount)
    for state in PATH[: PATH.index(to) + 1]:
        if state == State.SUBMITTED:
            services.transition(app, "submit", app.applicant)
        elif state == State.CHECKED:
            services.transition(app, "pass_check", s.staff)
        elif state == State.IN_REVIEW:
            services.assign_experts(app, [s.expert, s.expert2], s.staff)
        elif state == State.REVIEWED:
            for a in app.assignments.all():
                scores = {c.code: c.max_score * Decimal("0.8") for c in s.call.criteria.all()}
                services.submit_scores(a, scores, "技术路线清晰，具备产业化基础", a.expert)
        elif state == State.PROPOSED:
            batch = batch or services.create_batch(s.policy, title="2026年第一批立项", user=s.staff)
            services.propose(batch, app, amount, s.staff)
        elif state == State.APPROVED:
            today = timezone.localdate()
            services.open_notice(
                batch, today - datetime.timedelta(days=8), today - datetime.timedelta(days=1), s.staff
            )
            services.finalise(batch, s.staff)
        elif state == State.PAYING:
            services.pay(app, (amount / 2).quantize(Decimal("0.01")), timezone.localdate(), s.finance)
        elif state == State.PAID:
            app.refresh_from_db()
            services.pay(
                app, app.approved_amount - app.paid_amount, timezone.localdate(), s.finance, final=True
            )
        app.refresh_from_db()
    return app
