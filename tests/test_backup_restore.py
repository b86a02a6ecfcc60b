"""Backups of the database and the files, restored into a fresh database (issue 25 §5:
"backups and restore of database and files documented and tested by a script that restores
into a fresh database and compares counts").

Slow (a scratch PostgreSQL database migrated and seeded, two subprocess runs of the scripts:
about 30 s of CPU, longer on a busy machine): it runs the real scripts/backup.sh and
scripts/restore.sh against PostgreSQL at 127.0.0.1 (skipped, saying so, when none answers) and
files in a bucket on moto's S3 server on the loopback interface, then compares the row count of
every table and every file's bytes.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pg_scratch import once_in_ci, require_postgres, row_counts, scratch_database
from tests.s3_support import local_s3

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"


def _environment(database_url: str, **more: str) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "DJANGO_", "PYTEST_")) and key not in {"MEDIA_ROOT"}
    }
    return {
        **environment,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "true",  # the development settings, so no secret key is needed here
        "LOG_LEVEL": "WARNING",
        "PYTHON": sys.executable,
        **more,
    }


def _run(command: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603  (the project's own scripts and interpreter)
        command, cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def _ok(done: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert done.returncode == 0, f"{done.args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def s3():
    with local_s3(bucket="ecm-backup-source") as server:
        yield server


def test_issue_25_s5_a_backup_restores_into_a_fresh_database_with_every_row_and_file(s3, tmp_path):
    require_postgres()
    once_in_ci()
    with scratch_database("ecm_backup") as source, scratch_database("ecm_restored") as fresh:
        environment = _environment(source, **s3.environment())
        _ok(_run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], environment))
        _ok(
            _run(
                [
                    sys.executable,
                    "-c",
                    "import django; django.setup(); from tests.production_seed import seed; seed()",
                ],
                environment,
            )
        )
        counts = row_counts(source)
        stored = {key: s3.read(key) for key in s3.object_keys()}
        assert len(stored) == 2, "the seed's two uploads are in the bucket"
        assert counts["jar_documentupload"] == 2 and counts["django_migrations"] > 100

        backup = _ok(_run([str(SCRIPTS / "backup.sh"), str(tmp_path)], environment))
        folder = Path(backup.stdout.strip().splitlines()[-1])
        assert (folder / "database.dump").stat().st_size > 0
        listed = json.loads((folder / "files.json").read_text())
        assert sorted(entry["name"] for entry in listed) == sorted(stored)

        # A fresh database and an empty bucket, as after losing both.
        s3.client().create_bucket(
            Bucket="ecm-restored",
            CreateBucketConfiguration={"LocationConstraint": "eu-west-2"},
        )
        restored_environment = _environment(
            fresh, **{**s3.environment(), "AWS_STORAGE_BUCKET_NAME": "ecm-restored"}
        )
        _ok(_run([str(SCRIPTS / "restore.sh"), str(folder)], restored_environment))

        assert row_counts(fresh) == counts
        restored = s3.client().list_objects_v2(Bucket="ecm-restored")["Contents"]
        assert {
            item["Key"]: s3.client()
            .get_object(Bucket="ecm-restored", Key=item["Key"])["Body"]
            .read()
            for item in restored
        } == stored

        # Restoring twice into the same database is refused, not mixed.
        again = _run([str(SCRIPTS / "restore.sh"), str(folder)], restored_environment)
        assert again.returncode == 2
        assert "restore into a new, empty one" in again.stderr


def test_issue_25_s5_files_on_disk_are_saved_and_restored_with_their_checksums(tmp_path):
    """Without a bucket the files are under MEDIA_ROOT; a file changed in the backup is
    refused on restore rather than put back."""
    media, restored, folder = tmp_path / "media", tmp_path / "restored", tmp_path / "backup"
    (media / "jar" / "documents" / "2007").mkdir(parents=True)
    (media / "jar" / "documents" / "2007" / "a.pdf").write_bytes(b"%PDF-1.4 one")
    (media / "information-pack" / "b.docx").parent.mkdir(parents=True)
    (media / "information-pack" / "b.docx").write_bytes(b"PK two")
    tool = [sys.executable, str(SCRIPTS / "backup_files.py")]
    sqlite = "sqlite:///" + str(tmp_path / "unused.sqlite3")
    _ok(_run([*tool, "save", str(folder)], _environment(sqlite, MEDIA_ROOT=str(media))))
    _ok(_run([*tool, "load", str(folder)], _environment(sqlite, MEDIA_ROOT=str(restored))))
    assert sorted(p.relative_to(restored).as_posix() for p in restored.rglob("*.*")) == [
        "information-pack/b.docx",
        "jar/documents/2007/a.pdf",
    ]
    assert (restored / "information-pack" / "b.docx").read_bytes() == b"PK two"

    (folder / "files" / "information-pack" / "b.docx").write_bytes(b"PK tampered")
    refused = _run([*tool, "load", str(folder)], _environment(sqlite, MEDIA_ROOT=str(restored)))
    assert refused.returncode != 0 and "differs from files.json" in refused.stderr
