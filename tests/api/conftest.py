"""Helpers for the API tests: token headers, annual workbooks, uploads."""

import pytest

from zerobay.accounts.tokens import create_token

ANNUAL_HEADER = ["统一社会信用代码", "企业名称", "从业人员期末人数(人)", "营业收入(千元)", "R&D人员(人)"]


@pytest.fixture
def bearer():
    """bearer(user) -> headers carrying a fresh API token of `user`."""

    def make(user, name="test"):
        _token, key = create_token(user, name=name)
        return {"Authorization": f"Bearer {key}"}

    return make


@pytest.fixture
def annual_book(workbook):
    """annual_book(rows, name=...) -> path of an annual-report workbook: rows of
    [uscc, name, employees, revenue in 千元, R&D staff]."""

    def make(rows, name="annual.xlsx"):
        return workbook(ANNUAL_HEADER, rows, name=name)

    return make


@pytest.fixture
def upload(client):
    """upload(path, headers, form=..., period=..., **flags) -> response of POST /api/imports."""

    def post(path, headers=None, *, form="torch_annual", period="2025", via=None, **flags):
        data = {"form": form, "period": period}
        data.update({k: "true" if v else "false" for k, v in flags.items()})
        with open(path, "rb") as fh:
            data["file"] = fh
            return (via or client).post("/api/imports", data, headers=headers or {})

    return post
