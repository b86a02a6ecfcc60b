"""`manage.py load_framework PATH [--reason TEXT]`: load one framework library file."""

from django.core.management.base import BaseCommand, CommandError

from ecm.framework.loader import FrameworkFileError
from ecm.framework.selectors import framework_version_counts
from ecm.framework.services import ALREADY_LOADED, framework_version_load

LOADED = "Loaded {title} (version {version}, {urn}) from {path}: {counts}."
NOT_LOADED = "{path}: {n} problem(s) found; nothing was loaded. Put them right and run it again."


def counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())


class Command(BaseCommand):
    help = (
        "Check a framework library file (YAML, schema 1) and load it as a new framework "
        "version. Every problem is printed as file:line: reason; a file with problems loads "
        "nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the framework file, e.g. ecm/framework/library/*.yaml")
        parser.add_argument("--reason", default="", help="why it is loaded (kept in the audit)")

    def handle(self, *args, path, reason, **options):
        try:
            version = framework_version_load(path=path, reason=reason)
        except FrameworkFileError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(NOT_LOADED.format(path=path, n=len(exc.errors))) from exc
        if version.already_loaded:
            self.stdout.write(ALREADY_LOADED.format(urn=version.urn))
            return
        counts = counts_text(framework_version_counts(version=version))
        self.stdout.write(
            LOADED.format(
                title=version.title,
                version=version.version,
                urn=version.urn,
                path=path,
                counts=counts,
            )
        )
