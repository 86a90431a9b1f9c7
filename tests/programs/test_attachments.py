"""Uploads: a wrong type, an oversized file or a malformed document is refused with a message naming
the file, the rule and the value, and nothing is stored (no row, no file on disk)."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from zerobay.programs import services
from zerobay.programs.models import Attachment
from zerobay.programs.services import IllegalTransition, UploadRefused
from zerobay.programs.services import attachments as attachments_module

from .factories import new_application, pdf_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_media_root(settings, tmp_path):
    """A media folder of this test alone, so that what is on disk is what this test stored."""
    settings.MEDIA_ROOT = tmp_path / "media"


def stored_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT) / "programs"
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.fixture
def draft(scenario):
    return new_application(scenario, attach=False)


def upload(name, data):
    return SimpleUploadedFile(name, data)


def png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("material", "name", "data", "message"),
    [
        ("plan", "申报书.exe", b"MZ\x90\x00", "类型 .exe 不允许：“项目申报书”只接受 docx、pdf"),
        ("plan", "报表.xlsx", xlsx_bytes(), "类型 .xlsx 不允许"),  # allowed in general, not for this material
        (
            "plan",
            "申报书.pdf",
            b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n",
            "不是有效的PDF 文档：无法解析",
        ),
        ("plan", "申报书.pdf", b"just text renamed to pdf", "文件头不是 %PDF-"),
        ("plan", "申报书.pdf", pdf_bytes()[:200], "不是有效的PDF 文档"),  # truncated
        ("plan", "申报书.docx", b"PK\x03\x04 not really a zip", "不是 Office Open XML"),
        ("plan", "申报书.docx", xlsx_bytes(), "缺少 word/document.xml"),  # a workbook renamed
        ("finance", "报表.xlsx", b"", "是空文件"),
        ("finance", "报表.pdf", png_bytes(), "文件头不是 %PDF-"),
        ("plan", "申报书", pdf_bytes(), "（无扩展名）"),
        ("contract", "合同.pdf", pdf_bytes(), "没有名为“contract”的申报材料"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_stored(draft, scenario, material, name, data, message):
    with pytest.raises(UploadRefused) as refused:
        services.attach(draft, material, upload(name, data), scenario.enterprise_user)
    assert message in str(refused.value)
    if material != "contract":
        assert name in str(refused.value)
    assert not Attachment.objects.exists()
    assert stored_files() == set()


def test_an_oversized_file_is_refused_by_its_size(draft, scenario, monkeypatch):
    monkeypatch.setattr(attachments_module, "MAX_BYTES", 1000)
    with pytest.raises(UploadRefused, match=r"文件“申报书.pdf”.*超过.*上限"):
        services.attach(
            draft, "plan", upload("申报书.pdf", pdf_bytes() + b"\0" * 2000), scenario.enterprise_user
        )
    assert not Attachment.objects.exists() and stored_files() == set()


def test_real_20_mb_limit_refuses_a_bigger_file(draft, scenario):
    big = SimpleUploadedFile("大文件.pdf", b"%PDF-1.4\n" + b"0" * (services.MAX_BYTES + 1))
    with pytest.raises(UploadRefused, match="超过上限 20.0 MB"):
        services.attach(draft, "plan", big, scenario.enterprise_user)
    assert not Attachment.objects.exists()


def test_good_documents_are_stored_with_their_checksum(draft, scenario):
    pdf = services.attach(draft, "plan", upload("申报书.pdf", pdf_bytes(2)), scenario.enterprise_user)
    xlsx = services.attach(draft, "finance", upload("财务报表.xlsx", xlsx_bytes()), scenario.enterprise_user)
    assert pdf.original_name == "申报书.pdf" and pdf.size == len(pdf_bytes(2)) and len(pdf.sha256) == 64
    assert Path(pdf.file.path).read_bytes() == pdf_bytes(2)
    assert stored_files() == {Path(pdf.file.path), Path(xlsx.file.path)}
    assert xlsx.material == "finance"
    assert services.missing_materials(draft) == []
    services.remove_attachment(xlsx, scenario.enterprise_user)
    assert list(draft.attachments.all()) == [pdf]


def test_only_the_applicant_uploads_and_only_while_editable(draft, scenario):
    s = scenario
    with pytest.raises(IllegalTransition):
        services.attach(draft, "plan", upload("a.pdf", pdf_bytes()), s.other_user)
    with pytest.raises(IllegalTransition):
        services.attach(draft, "plan", upload("a.pdf", pdf_bytes()), s.staff)
    services.attach(draft, "plan", upload("a.pdf", pdf_bytes()), s.enterprise_user)
    services.transition(draft, "submit", s.enterprise_user)
    with pytest.raises(IllegalTransition, match="不能再上传材料"):
        services.attach(draft, "plan", upload("b.pdf", pdf_bytes()), s.enterprise_user)
    assert draft.attachments.count() == 1


def test_a_failure_while_saving_leaves_no_file_behind(draft, scenario, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(attachments_module, "record", broken)
    with pytest.raises(RuntimeError):
        services.attach(draft, "plan", upload("申报书.pdf", pdf_bytes()), scenario.enterprise_user)
    assert not Attachment.objects.exists() and stored_files() == set()


def test_a_document_bomb_is_refused_from_its_zip_directory(draft, scenario, tmp_path):
    from ..hostile import docx_bomb

    bomb = docx_bomb(tmp_path / "申报书.docx", mb=30)  # 30 MB of XML in about 30 KB
    with pytest.raises(UploadRefused) as refused:
        services.attach(draft, "plan", upload("申报书.docx", bomb.read_bytes()), scenario.enterprise_user)
    assert "申报书.docx" in str(refused.value) and "倍" in str(refused.value)
    assert not Attachment.objects.exists() and stored_files() == set()
