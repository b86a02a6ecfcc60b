"""Copy the uploaded files out of, or back into, the site's file store (issue 25 §5).

    python scripts/backup_files.py save FOLDER    # FOLDER/files/ and FOLDER/files.json
    python scripts/backup_files.py load FOLDER    # back into the store, checked

The store is the one the site's own settings name (config/settings.py): the S3-compatible
bucket when AWS_STORAGE_BUCKET_NAME is set, else MEDIA_ROOT on this machine. For a bucket, the
objects are read and written with boto3 through django-storages' own connection (the same
endpoint, region and keys), because the AWS command-line tool is not part of the project.
backup.sh and restore.sh call this after the database.
"""

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 1024 * 1024


def _store():
    """The S3 storage when one is configured, else None (and the files are under MEDIA_ROOT)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django  # noqa: PLC0415  (after the path and settings are set)

    django.setup()
    from django.core.files.storage import storages  # noqa: PLC0415

    storage = storages["default"]
    return storage if hasattr(storage, "bucket") else None


def _media_root() -> Path:
    from django.conf import settings  # noqa: PLC0415

    return Path(settings.MEDIA_ROOT)


def _prefix(store) -> str:
    """The folder of the bucket the site keeps its files in (AWS_LOCATION), with its slash."""
    location = store.location.strip("/")
    return f"{location}/" if location else ""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def save(folder: Path) -> list[dict]:
    files = folder / "files"
    files.mkdir(parents=True, exist_ok=True)
    store = _store()
    if store is not None:
        prefix = _prefix(store)
        for item in store.bucket.objects.filter(Prefix=prefix):
            if item.key.endswith("/"):
                continue  # a "folder" marker, not a file
            name = item.key[len(prefix) :]
            (files / name).parent.mkdir(parents=True, exist_ok=True)
            store.bucket.download_file(item.key, str(files / name))
    elif _media_root().is_dir():
        shutil.copytree(_media_root(), files, dirs_exist_ok=True)
    listed = [
        {
            "name": path.relative_to(files).as_posix(),
            "size": path.stat().st_size,
            "sha256": _sha256(path),
        }
        for path in sorted(files.rglob("*"))
        if path.is_file()
    ]
    (folder / "files.json").write_text(json.dumps(listed, indent=1) + "\n")
    return listed


def load(folder: Path) -> int:
    files = folder / "files"
    listed = json.loads((folder / "files.json").read_text())
    store = _store()
    for entry in listed:
        source = files / entry["name"]
        if source.stat().st_size != entry["size"] or _sha256(source) != entry["sha256"]:
            raise SystemExit(
                f"backup_files.py: {entry['name']} differs from files.json; not restored"
            )
        if store is not None:
            key = _prefix(store) + entry["name"]
            store.bucket.upload_file(str(source), key, ExtraArgs={"ACL": "private"})
        else:
            target = _media_root() / entry["name"]
            if target.exists() and _sha256(target) != entry["sha256"]:
                raise SystemExit(
                    f"backup_files.py: {target} exists with other content; not replaced"
                )
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return len(listed)


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in {"save", "load"}:
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[2])
    if argv[1] == "save":
        print(f"{len(save(folder))} files saved")
    else:
        print(f"{load(folder)} files restored")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
