"""An S3-compatible server for the local stack (moto): serves until stopped, with the private bucket made."""

import os
import time

import boto3
from moto.server import ThreadedMotoServer

port = int(os.environ["S3_PORT"])
server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
server.start()
boto3.client(
    "s3", endpoint_url=f"http://127.0.0.1:{port}", region_name=os.environ["PRIVATE_STORAGE_REGION"],
    aws_access_key_id=os.environ["PRIVATE_STORAGE_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["PRIVATE_STORAGE_SECRET_ACCESS_KEY"],
).create_bucket(Bucket=os.environ["PRIVATE_STORAGE_BUCKET"],
                CreateBucketConfiguration={"LocationConstraint": os.environ["PRIVATE_STORAGE_REGION"]})
print(f"S3 server on 127.0.0.1:{port}, bucket {os.environ['PRIVATE_STORAGE_BUCKET']}", flush=True)
try:
    while True:
        time.sleep(3600)
except KeyboardInterrupt:
    server.stop()
