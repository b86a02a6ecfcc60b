"""From 2009 (issue 10; 004; DOMAIN.md §5): the performance profile, the annual rating, the
unannounced and the safeguarding inspections, and the area assessment's flags. Each part keeps
its models in its own package; importing them here registers them with the "caa" app."""

from ecm.caa.flags import models as _flags  # noqa: F401
from ecm.caa.profile import models as _profile  # noqa: F401
from ecm.caa.rating import models as _rating  # noqa: F401
from ecm.caa.safeguarding import models as _safeguarding  # noqa: F401
from ecm.caa.unannounced import models as _unannounced  # noqa: F401
