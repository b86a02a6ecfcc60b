"""A package's names imported from its modules when first used (PEP 562), so that importing one
light module of a package does not import its heavy siblings (issue 25 §2: django.setup() and
every command without pandas, scipy and pyarrow; decision 0049)."""

import importlib
from collections.abc import Callable


def lazy_exports(package: str, where: dict[str, str]) -> Callable[[str], object]:
    """A module `__getattr__` for `package`: each name of `where` is read from the submodule
    named beside it the first time it is asked for (`from package import name` too), then kept
    in the package's namespace."""

    def __getattr__(name: str) -> object:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = importlib.import_module(f"{package}.{where[name]}")
        value = getattr(module, name)
        setattr(importlib.import_module(package), name, value)
        return value

    return __getattr__
