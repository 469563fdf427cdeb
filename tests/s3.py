"""A local S3-compatible server (moto's server mode) that the object-store tests start on a free port."""

import socket
import uuid

import boto3
from botocore.config import Config
from moto.server import ThreadedMotoServer

ACCESS_KEY, SECRET_KEY = "thidua-test", "thidua-test-secret"


def free_port():
    """A TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalS3:
    """The server, and a client that sees its buckets as the portal would."""

    def __init__(self):
        self.port = 0  # the system's choice when it first starts, kept after
        self._server = self.endpoint = self.client = None

    def start(self):
        """Serve on a port bound at once (none another process could take meanwhile); the same one after a restart."""
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self._server.start()
        self.port = self._server.get_host_and_port()[1]
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.client = boto3.client(
            "s3", endpoint_url=self.endpoint, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1", config=Config(signature_version="s3v4"),
        )

    def stop(self):
        self._server.stop()

    def new_bucket(self):
        bucket = f"thidua-{uuid.uuid4().hex[:12]}"
        self.client.create_bucket(Bucket=bucket)
        return bucket

    def storage_url(self, bucket):
        """The portal's STORAGE_URL for one bucket of this server."""
        return f"s3+http://{ACCESS_KEY}:{SECRET_KEY}@127.0.0.1:{self.port}/{bucket}"

    def keys(self, bucket):
        return sorted(item["Key"] for item in self.client.list_objects_v2(Bucket=bucket).get("Contents", []))

    def read(self, bucket, key):
        return self.client.get_object(Bucket=bucket, Key=key)["Body"].read()
