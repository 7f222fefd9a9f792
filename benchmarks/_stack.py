"""Slow clients for the nginx tests and benchmarks: slowloris connections, slow uploads, a latency probe.

Loopback only; every loop is bounded in time.
"""

import socket
import time
import uuid

from benchmarks._server import Client, hidden_value, pdf_of_size, question_fields


def slowloris(port, stop, seconds=20):
    """A connection that sends its headers a byte at a time and never finishes them."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"GET /careers/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            deadline = time.monotonic() + seconds
            while not stop.is_set() and time.monotonic() < deadline:
                sock.sendall(b"X")
                time.sleep(0.5)
    except OSError:
        pass  # nginx cut it off: that is the point


def slow_apply(port, slug, size, rate, results):
    """Apply with a résumé of ``size`` bytes sent at ``rate`` bytes/s; record the status."""
    client = Client(port)
    status, _, body = client.get(f"/careers/{slug}/apply/")
    html = body.decode()
    fields = {
        "csrfmiddlewaretoken": hidden_value(html, "csrfmiddlewaretoken"),
        "submission_token": hidden_value(html, "submission_token"),
        "first_name": "Slow", "last_name": "Candidate", "email": f"slow-{uuid.uuid4().hex[:8]}@example.com",
        "country": "United Kingdom", "consent": "on", **question_fields(html),
    }
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="resume"; filename="cv.pdf"\r\n'
                 "Content-Type: application/pdf\r\n\r\n".encode() + pdf_of_size(size) + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    data = b"".join(parts)
    cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    head = (f"POST /careers/{slug}/apply/ HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {len(data)}\r\n"
            "Connection: close\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head)
        chunk = max(1, rate // 10)
        for start in range(0, len(data), chunk):
            sock.sendall(data[start:start + chunk])
            time.sleep(0.1)
        response = sock.recv(65536).decode(errors="replace")
    results.append(response.split(" ", 2)[1])


def probe(port, count=30, timeout=5.0):
    """Response times (ms) of /careers/, one every 0.1 s; a failure or a wait past ``timeout`` counts as inf."""
    import http.client

    times = []
    for _ in range(count):
        started = time.monotonic()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            connection.request("GET", "/careers/")
            response = connection.getresponse()
            response.read()
            connection.close()
            times.append((time.monotonic() - started) * 1000 if response.status == 200 else float("inf"))
        except OSError:
            times.append(float("inf"))
        time.sleep(0.1)
    return sorted(times)


def percentile(times, fraction):
    return times[max(0, int(len(times) * fraction) - 1)]
