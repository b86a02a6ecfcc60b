"""The letters' settings the handbook does not give. Each is set, with the handbook's words
beside it, in config/settings.py's "Settings of ours, not rules of the seeds"; the default here
is for use without that file."""

from django.conf import settings

# How long a closed round's letters, notebooks and evidence are kept once archived. The
# handbook, section I stage 3 says only that the letter "will then be archived by Ofsted and
# stored by CSCI on PADI" and section F that the notebook "is required evidence for archiving
# and storage purposes": no period is given. The project's setting: six years.
ARCHIVE_RETENTION_YEARS_DEFAULT = 6


def archive_retention_years() -> int:
    """The retention period in years (setting LETTERS_ARCHIVE_RETENTION_YEARS)."""
    return int(
        getattr(settings, "LETTERS_ARCHIVE_RETENTION_YEARS", ARCHIVE_RETENTION_YEARS_DEFAULT)
    )
