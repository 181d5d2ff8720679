"""A local SMTP sink with a web page to read what was sent (for ``make demo`` and the bench).

``python -m digital_ngo.core.mailsink --smtp 2525 --web 8925`` accepts every message on
the SMTP port (aiosmtpd, the maintained asyncio SMTP server from PyPI that the tests use
too) and lists the latest messages at ``http://127.0.0.1:8925/``; ``/count`` answers the
number received and ``/recipients`` one line per delivered recipient (for the bench).
"""

import argparse
import html
import threading
import time
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller

KEEP = 500


class Sink:
    """Counts every message and keeps the latest ``KEEP`` to show."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.messages: list[tuple[float, list[str], bytes]] = []
        self.recipients: list[str] = []
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.count += 1
            self.recipients.extend(envelope.rcpt_tos)
            self.messages.append((time.time(), list(envelope.rcpt_tos), envelope.content))
            del self.messages[:-KEEP]
        return "250 Message accepted"


def _page(sink: Sink) -> str:
    with sink.lock:
        latest = list(reversed(sink.messages))[:100]
        total = sink.count
    rows = []
    for when, rcpts, content in latest:
        message = message_from_bytes(content, policy=policy.default)
        body = message.get_body(preferencelist=("plain",))  # type: ignore[attr-defined]
        text = body.get_content() if body is not None else ""
        rows.append(
            f"<details><summary>{time.strftime('%H:%M:%S', time.localtime(when))} · "
            f"{html.escape(', '.join(rcpts))} · {html.escape(str(message['subject']))}</summary>"
            f"<pre>{html.escape(text)}</pre></details>"
        )
    return (
        "<!doctype html><meta charset=utf-8><title>Mail sink</title>"
        f"<h1>Mail sink: {total} messages received</h1><p>Latest 100, newest first.</p>"
        + "".join(rows)
    )


def serve(smtp_port: int, web_port: int) -> None:
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/count":
                body, kind = str(sink.count), "text/plain"
            elif self.path == "/recipients":
                with sink.lock:
                    body, kind = "\n".join(sink.recipients), "text/plain"
            else:
                body, kind = _page(sink), "text/html"
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    print(f"Mail sink: SMTP on 127.0.0.1:{smtp_port}, read at http://127.0.0.1:{web_port}/")
    try:
        ThreadingHTTPServer(("127.0.0.1", web_port), Handler).serve_forever()
    finally:
        controller.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description="Local SMTP sink with a web page.")
    parser.add_argument("--smtp", type=int, default=2525)
    parser.add_argument("--web", type=int, default=8925)
    args = parser.parse_args()
    serve(args.smtp, args.web)


if __name__ == "__main__":
    main()
