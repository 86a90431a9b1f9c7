"""`zerobay backup` then `zerobay restore` into an emptied database and media folder gives back every
row and a downloadable attachment (SQLite and PostgreSQL, whichever the suite runs on)."""

import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.programs.factories import new_application, pdf_bytes
from zerobay.operations.backup import model_counts

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def deployment(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path / "var"
    settings.VAR_DIR.mkdir()
    (settings.VAR_DIR / "secret_key").write_text("the-key-of-this-deployment")
    return tmp_path


def _empty(deployment: Path, settings) -> None:
    call_command("flush", interactive=False, verbosity=0)
    for file in Path(settings.MEDIA_ROOT).rglob("*"):
        if file.is_file():
            file.unlink()
    (settings.VAR_DIR / "secret_key").unlink()


def test_backup_and_restore_give_back_every_row_and_the_files(client, scenario, deployment, settings):
    app = new_application(scenario)
    attachment = app.attachments.get()
    before = model_counts()
    assert before["programs.Application"] == 1 and before["programs.Attachment"] == 1
    archive = deployment / "backup.tar.gz"
    out = StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "1 files" in out.getvalue() and "secret key" in out.getvalue()
    assert archive.stat().st_mode & 0o077 == 0  # holds the key and every figure
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and any(n.startswith("media/programs/") for n in names)

    _empty(deployment, settings)
    assert model_counts()["programs.Application"] == 0
    out = StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "counts match" in out.getvalue()
    assert model_counts() == before
    assert (settings.VAR_DIR / "secret_key").read_text() == "the-key-of-this-deployment"

    client.force_login(scenario.enterprise_user)
    response = client.get(reverse("programs-attachment", args=[app.code, attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_restore_refuses_a_deployment_that_holds_data(scenario, deployment):
    new_application(scenario)
    archive = deployment / "backup.tar.gz"
    call_command("backup", str(archive), stdout=StringIO())
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(archive), stdout=StringIO())


def test_restore_refuses_a_file_that_is_not_a_backup(deployment):
    bogus = deployment / "bogus.tar.gz"
    bogus.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not a zerobay backup"):
        call_command("restore", str(bogus), stdout=StringIO())
