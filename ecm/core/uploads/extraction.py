"""Reading an upload's text in a child process with a time and a memory limit (issue 21 §1:
"text extraction off the request ... with a time and memory limit per file").

The checks of `document_read` are bounded and stay in the request; reading the text for search
is the part whose cost depends on the file, so a task runs it here: a child Python process with
its address space capped (RLIMIT_AS) and its CPU time capped (RLIMIT_CPU), killed if it is not
done in time. Whatever happens in the child, the caller gets the text or a DocumentRefused
whose message says why, for the uploader to see.

Run as `python -m ecm.core.uploads.extraction KIND CAPS_JSON` with the file on stdin.
"""

import json
import os
import resource
import subprocess
import sys
from dataclasses import asdict

from django.conf import settings

from ecm.core.uploads.documents import document_text
from ecm.core.uploads.limits import Limits
from ecm.core.uploads.refusals import DocumentRefused

TEXT_TOOK_TOO_LONG = (
    "Reading the text took longer than {seconds} seconds \N{EN DASH} save the document as a "
    "smaller PDF and upload it again"
)
TEXT_TOO_MUCH_MEMORY = (
    "Reading the text needed more memory than is allowed \N{EN DASH} save the document as a "
    "smaller PDF and upload it again"
)
_REFUSED = 3  # the child's exit status when the document was refused, the reason on stderr


def text_in_child(data: bytes, *, kind: str, limits: Limits) -> str:
    """The document's text, read by a child process within UPLOAD_TEXT_SECONDS and
    UPLOAD_TEXT_MEMORY_BYTES; DocumentRefused naming what went wrong otherwise."""
    seconds = settings.UPLOAD_TEXT_SECONDS
    memory = settings.UPLOAD_TEXT_MEMORY_BYTES

    def confine() -> None:  # in the child, before it runs Python
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))

    try:
        done = subprocess.run(  # noqa: S603 (our own module, arguments we made)
            [sys.executable, "-m", __name__, kind, json.dumps(asdict(limits))],
            input=data,
            capture_output=True,
            timeout=seconds,
            preexec_fn=confine,
            cwd=settings.BASE_DIR,
            env={**os.environ, "PYTHONPATH": str(settings.BASE_DIR)},
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise DocumentRefused(TEXT_TOOK_TOO_LONG.format(seconds=seconds)) from exc
    if done.returncode == 0:
        return done.stdout.decode("utf-8")
    if done.returncode == _REFUSED:
        raise DocumentRefused(done.stderr.decode("utf-8").strip().splitlines()[-1])
    if done.returncode < 0 and -done.returncode in (9, 24):  # SIGKILL, SIGXCPU
        raise DocumentRefused(TEXT_TOOK_TOO_LONG.format(seconds=seconds))
    raise DocumentRefused(TEXT_TOO_MUCH_MEMORY)  # MemoryError, or the allocator gave up


def _main() -> None:
    kind, caps = sys.argv[1], json.loads(sys.argv[2])
    try:
        text = document_text(sys.stdin.buffer.read(), kind=kind, **caps)
    except DocumentRefused as refused:
        sys.stderr.write(refused.message + "\n")
        sys.exit(_REFUSED)
    sys.stdout.buffer.write(text.encode("utf-8"))


if __name__ == "__main__":
    _main()
