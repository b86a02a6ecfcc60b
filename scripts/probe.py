"""The container's health check (Containerfile HEALTHCHECK; compose.yaml): asks the site's own
/healthz on this machine, with a host name the site accepts (the first of ALLOWED_HOSTS), and
exits 0 only on a 200. Standard library only, so it costs no more than a Python start-up."""

import os
import sys
import urllib.request


def main() -> int:
    first = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    host = first.lstrip(".*") or "localhost"  # ".example.org" and "*" are patterns, not names
    port = os.environ.get("BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return 0 if response.status == 200 else 1
    except OSError as exc:
        print(f"healthz: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
