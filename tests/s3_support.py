"""A local S3-compatible server for the tests of issue 25 §5 ("uploaded files on S3-compatible
object storage ... tested against a local S3-compatible server such as moto's").

moto's threaded server listens on a free port of the loopback interface only; the keys are
moto's dummies, and boto3 is told not to look for credentials anywhere else (no instance
metadata request leaves the machine).
"""

import contextlib
import os
import runpy
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import boto3
from moto.server import ThreadedMotoServer

REGION = "eu-west-2"
SETTINGS_FILE = Path(__file__).resolve().parent.parent / "config" / "settings.py"
DUMMY_KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class LocalS3:
    endpoint_url: str
    bucket: str

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=DUMMY_KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=DUMMY_KEYS["AWS_SECRET_ACCESS_KEY"],
        )

    def object_keys(self) -> list[str]:
        listed = self.client().list_objects_v2(Bucket=self.bucket)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client().get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def environment(self) -> dict[str, str]:
        """The settings' environment variables for this bucket (config/settings.py)."""
        return {
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint_url,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_EC2_METADATA_DISABLED": "true",
            **DUMMY_KEYS,
        }

    def settings(self) -> dict:
        """config/settings.py's globals as a deployment with this bucket gets them: the real
        settings module, run with these environment variables."""
        with mock.patch.dict(os.environ, self.environment()):
            return runpy.run_path(str(SETTINGS_FILE))


@contextlib.contextmanager
def local_s3(bucket: str = "ecm-test-uploads") -> Iterator[LocalS3]:
    """moto's server on a free loopback port with one empty bucket; stopped afterwards."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        with mock.patch.dict(os.environ, {**DUMMY_KEYS, "AWS_EC2_METADATA_DISABLED": "true"}):
            s3 = LocalS3(endpoint_url=f"http://127.0.0.1:{port}", bucket=bucket)
            s3.client().create_bucket(
                Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
            )
            yield s3
    finally:
        server.stop()
