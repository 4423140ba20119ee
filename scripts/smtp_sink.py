#!/usr/bin/env python3
"""A real SMTP server that keeps every message it gets, for Klubi's tests.

    python3 scripts/smtp_sink.py --dir DIR

Listens on 127.0.0.1 on a port the kernel picks, prints exactly one line
`PORT <n>` to stdout, then for each message writes, in arrival order:

    DIR/<seq>-<uuid>.rcpt   envelope recipients, one address per line
    DIR/<seq>-<uuid>.eml    the raw message bytes as received

<seq> is a zero-padded counter from 000001, so names sort in arrival order.
Both files are written under a hidden temporary name and renamed into place,
the .rcpt first, so a reader that sees a .eml never sees a half-written file
and always finds its .rcpt beside it.

It runs until SIGTERM/SIGINT, or until its stdin reaches end of file: a test
that starts it with a pipe on stdin can't leave it running by dying.
Use --no-stdin-watch to run it by hand with stdin at /dev/null.
No TLS is offered; AUTH, if a client tries it, accepts any credentials.
"""

import argparse
import itertools
import os
import signal
import socket
import threading
import uuid
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    def __init__(self, directory):
        self.dir = directory
        self.seq = itertools.count(1)  # handlers run on one event loop thread

    def _write(self, name, data):
        tmp = os.path.join(self.dir, f".{name}.part")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, os.path.join(self.dir, name))

    async def handle_DATA(self, server, session, envelope):
        base = f"{next(self.seq):06d}-{uuid.uuid4()}"
        rcpts = "".join(f"{r}\n" for r in envelope.rcpt_tos)
        self._write(base + ".rcpt", rcpts.encode())
        # original_content is the bytes on the wire (after dot-unstuffing).
        self._write(base + ".eml", envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


class PreboundController(Controller):
    """Serves on a socket already bound to port 0, so the port is known
    without the race of probing for a free one and binding it again."""

    def __init__(self, handler, sock, **kwargs):
        self.sock = sock
        super().__init__(handler, hostname="127.0.0.1", port=sock.getsockname()[1], **kwargs)

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self.sock)


def main():
    # aiosmtpd's own AUTH code trips its deprecation warning; it's noise here.
    warnings.filterwarnings("ignore", message="Session.login_data is deprecated")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", required=True, help="where to save messages (created if missing)")
    ap.add_argument("--no-stdin-watch", action="store_true", help="don't exit at end of stdin")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    controller = PreboundController(
        Sink(args.dir),
        sock,
        enable_SMTPUTF8=True,  # Finnish names in addresses and headers
        auth_require_tls=False,
        authenticator=lambda *_: AuthResult(success=True),
    )
    controller.start()

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    if not args.no_stdin_watch:
        def watch_stdin():
            try:  # os.read: a buffered read would block interpreter exit
                while os.read(0, 65536):
                    pass
            finally:  # EOF, or no stdin at all
                stop.set()
        threading.Thread(target=watch_stdin, daemon=True).start()

    print(f"PORT {controller.port}", flush=True)
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
