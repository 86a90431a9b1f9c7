"""Backup and restore of a whole deployment: the database, the uploaded files and the secret key.

One archive (.tar.gz) holds `manifest.json` (format, database engine, time, the row count of every
model), the database (`database.sqlite3` through SQLite's online backup, which is consistent while
the server runs; or `database.pgdump`, pg_dump's custom format), `media/` (attachments, uploaded
workbooks) and `secret_key` when the key lives in the var directory (sessions, password-reset links
and signed values depend on it). Django's dumpdata would miss the files and the key.

Restore is for an empty deployment (a new machine, or after a loss): it refuses a database that
holds data or a media folder with files unless told to replace them, and it checks the restored row
counts against the manifest.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
SQLITE = "django.db.backends.sqlite3"
POSTGRES = "django.db.backends.postgresql"


class BackupError(Exception):
    """A backup or restore that cannot be done, with the reason for the operator."""


@dataclass
class Result:
    path: Path
    engine: str
    counts: dict[str, int] = field(default_factory=dict)
    files: int = 0
    secret_key: bool = False


def model_counts() -> dict[str, int]:
    """Rows of every model with a table of its own, by "app_label.ModelName"."""
    counts = {}
    existing = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed or model._meta.db_table not in existing:
            continue
        counts[model._meta.label] = model._base_manager.using("default").count()
    return dict(sorted(counts.items()))


def _engine() -> str:
    engine = connection.settings_dict["ENGINE"]
    if engine not in (SQLITE, POSTGRES):
        raise BackupError(_("Backups support SQLite and PostgreSQL, not %(engine)s.") % {"engine": engine})
    return engine


def _pg_env() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    args = ["--dbname", s["NAME"]]
    if s.get("HOST"):
        args += ["--host", s["HOST"]]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", s["USER"]]
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    tool = command[0]
    if shutil.which(tool) is None:
        raise BackupError(
            _("%(tool)s is not installed (PostgreSQL's client tools are needed).") % {"tool": tool}
        )
    done = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 (fixed tools)
    if done.returncode != 0:
        raise BackupError(f"{tool}: {done.stderr.strip()[:2000]}")


def _dump_database(engine: str, target: Path) -> str:
    if engine == SQLITE:
        connection.ensure_connection()
        out = sqlite3.connect(target)
        try:
            connection.connection.backup(out)  # online: consistent while others write
        finally:
            out.close()
        return "database.sqlite3"
    args, env = _pg_env()
    _run(
        ["pg_dump", "--format", "custom", "--no-owner", "--no-privileges", "--file", str(target), *args], env
    )
    return "database.pgdump"


def backup(path: Path) -> Result:
    """Writes the archive to `path` (written aside and moved into place, so a failure leaves no half file)."""
    engine = _engine()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    result = Result(path=path, engine=engine, counts=model_counts())
    media = Path(settings.MEDIA_ROOT)
    key_file = Path(settings.VAR_DIR) / "secret_key"
    with tempfile.TemporaryDirectory(prefix="zerobay-backup-") as tmp:
        db_file = Path(tmp) / "db"
        db_name = _dump_database(engine, db_file)
        partial = path.with_name(path.name + ".partial")
        old_umask = os.umask(0o077)  # the archive holds the key and every figure: owner only
        try:
            with tarfile.open(partial, "w:gz") as tar:
                tar.add(db_file, arcname=db_name)
                if media.is_dir():
                    for file in sorted(p for p in media.rglob("*") if p.is_file()):
                        tar.add(file, arcname=f"media/{file.relative_to(media).as_posix()}")
                        result.files += 1
                if not os.environ.get("SECRET_KEY") and key_file.exists():
                    tar.add(key_file, arcname="secret_key")
                    result.secret_key = True
                manifest = {
                    "format": FORMAT,
                    "engine": engine,
                    "created": timezone.now().isoformat(),
                    "database": db_name,
                    "counts": result.counts,
                    "files": result.files,
                    "secret_key": result.secret_key,
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                info = tarfile.TarInfo("manifest.json")
                info.size = len(data)
                info.mtime = int(timezone.now().timestamp())
                tar.addfile(info, io.BytesIO(data))
        finally:
            os.umask(old_umask)
        partial.replace(path)
    return result


def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember("manifest.json")
    except KeyError:
        raise BackupError(_("This file is not a zerobay backup (it has no manifest.json).")) from None
    extracted = tar.extractfile(member)
    if extracted is None:
        raise BackupError(_("This file is not a zerobay backup (it has no manifest.json)."))
    manifest = json.loads(extracted.read())
    if manifest.get("format") != FORMAT:
        raise BackupError(_("Unknown backup format %(format)s.") % {"format": manifest.get("format")})
    return manifest


def _holds_data() -> bool:
    """Users, enterprises or imports present: what a fresh `zerobay migrate` does not create."""
    existing = set(connection.introspection.table_names())
    for label in (settings.AUTH_USER_MODEL, "registry.Enterprise", "statistics.ImportBatch"):
        model = apps.get_model(label)
        if model._meta.db_table in existing and model._base_manager.exists():
            return True
    return False


def _restore_database(engine: str, source: Path) -> None:
    if engine == SQLITE:
        connection.ensure_connection()
        src = sqlite3.connect(source)
        try:
            src.backup(connection.connection)  # page by page into the live database, replacing it
        finally:
            src.close()
        return
    connection.close()  # pg_restore drops the tables: no session of ours may hold them
    args, env = _pg_env()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            *args,
            str(source),
        ],
        env,
    )


def restore(path: Path, *, replace: bool = False) -> Result:
    """Restores the archive at `path` into this deployment's database, media folder and var directory."""
    engine = _engine()
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("No such file: %(path)s") % {"path": path})
    media = Path(settings.MEDIA_ROOT)
    try:
        tar = tarfile.open(path, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(_("This file is not a zerobay backup: %(reason)s") % {"reason": exc}) from None
    with tar, tempfile.TemporaryDirectory(prefix="zerobay-restore-") as tmp:
        manifest = _read_manifest(tar)
        if manifest["engine"] != engine:
            raise BackupError(
                _("The backup is of a %(theirs)s database; this deployment uses %(ours)s.")
                % {"theirs": manifest["engine"].rsplit(".", 1)[-1], "ours": engine.rsplit(".", 1)[-1]}
            )
        if not replace:
            if _holds_data():
                raise BackupError(
                    _("The database already holds data; restore into an empty one (or use --replace).")
                )
            if media.is_dir() and any(p.is_file() for p in media.rglob("*")):
                raise BackupError(
                    _("The media folder %(path)s is not empty (or use --replace).") % {"path": media}
                )
        # The data filter refuses absolute paths, links out of the tree and device files.
        tar.extractall(tmp, filter="data")
        _restore_database(engine, Path(tmp) / manifest["database"])
        files = 0
        staged = Path(tmp) / "media"
        if staged.is_dir():
            for file in sorted(p for p in staged.rglob("*") if p.is_file()):
                target = media / file.relative_to(staged)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(file, target)
                files += 1
        key = Path(tmp) / "secret_key"
        restored_key = False
        if key.exists() and not os.environ.get("SECRET_KEY"):
            target = Path(settings.VAR_DIR) / "secret_key"
            shutil.copyfile(key, target)
            target.chmod(0o600)
            restored_key = True
    result = Result(path=path, engine=engine, counts=model_counts(), files=files, secret_key=restored_key)
    differing = {
        label: (count, result.counts.get(label))
        for label, count in manifest["counts"].items()
        if result.counts.get(label) != count
    }
    if differing:
        raise BackupError(
            _("The restored database differs from the backup: %(models)s")
            % {"models": ", ".join(f"{k} {a}→{b}" for k, (a, b) in differing.items())}
        )
    return result
