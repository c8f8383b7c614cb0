#!/usr/bin/python3
"""Tiny real SMTP server for Orgnabor's tests ("SMTP sink").

Usage:
    /usr/bin/python3 scripts/smtp_sink.py --port 0 --out DIR

* Listens on 127.0.0.1 (no TLS, no AUTH, any sender/recipient accepted).
  --port 0 picks a free port.
* When listening, prints exactly one line to stdout:      READY <port>
* For every message received, writes the raw message bytes (envelope.content, i.e. the
  DATA payload after dot-unstuffing, CRLF line endings) to DIR/<n>.eml (n = 1, 2, ...;
  the file is complete before it is announced) and prints:  MESSAGE <absolute path>
* Every stdout line is flushed immediately.
* Exits cleanly (status 0) on SIGTERM / SIGINT, or when stdin reaches EOF -- the latter
  only if stdin is a pipe, socket or terminal, so that a parent started with stdin
  = /dev/null (e.g. CI with no stdin) does not make it exit immediately.
  (--stdin-eof=always|never overrides the detection.)

Needs Debian's python3-aiosmtpd (see scripts/ensure-test-tools.sh).
"""

import argparse
import os
import signal
import socket
import stat
import sys
import threading

try:
    from aiosmtpd.controller import Controller
except ImportError:  # pragma: no cover
    sys.stderr.write(
        "smtp_sink: the aiosmtpd module is missing for %s; run scripts/ensure-test-tools.sh "
        "(apt-get install -y python3-aiosmtpd) and start this with /usr/bin/python3\n"
        % sys.executable
    )
    sys.exit(2)

HOST = "127.0.0.1"

_print_lock = threading.Lock()


def emit(line):
    """Print one line to stdout and flush; ignore a parent that stopped reading."""
    with _print_lock:
        try:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        except (BrokenPipeError, ValueError, OSError):
            pass


class SinkHandler:
    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.content
        if content is None:
            content = b""
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        with self.lock:
            self.count += 1
            n = self.count
            path = os.path.join(self.out_dir, "%d.eml" % n)
            tmp = path + ".part"
            with open(tmp, "wb") as f:
                f.write(content)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
            emit("MESSAGE %s" % path)
        return "250 Message accepted for delivery"


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind((HOST, 0))
        return s.getsockname()[1]
    finally:
        s.close()


def start_controller(handler, port):
    """Start the aiosmtpd Controller; for port 0 pick a free port (retrying on races)."""
    attempts = 20 if port == 0 else 1
    last_err = None
    for _ in range(attempts):
        p = free_port() if port == 0 else port
        controller = Controller(
            handler,
            hostname=HOST,
            port=p,
            ready_timeout=10.0,
            enable_SMTPUTF8=True,
            decode_data=False,
        )
        try:
            controller.start()
            return controller, p
        except Exception as e:  # bind race or similar: try another port
            last_err = e
            try:
                controller.stop()
            except Exception:
                pass
    raise SystemExit("smtp_sink: could not start SMTP server: %r" % (last_err,))


def stdin_should_be_watched(mode):
    if mode == "always":
        return True
    if mode == "never":
        return False
    try:
        st = os.fstat(sys.stdin.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return (
        stat.S_ISFIFO(st.st_mode)
        or stat.S_ISSOCK(st.st_mode)
        or os.isatty(sys.stdin.fileno())
    )


def watch_stdin(stop):
    try:
        fd = sys.stdin.fileno()
        while True:
            data = os.read(fd, 65536)
            if not data:
                break
    except (OSError, ValueError):
        pass
    stop.set()


def main():
    ap = argparse.ArgumentParser(description="SMTP sink for tests")
    ap.add_argument("--port", type=int, default=0, help="port to listen on (0 = any free port)")
    ap.add_argument("--out", required=True, help="directory to write <n>.eml files into")
    ap.add_argument(
        "--stdin-eof",
        choices=("auto", "always", "never"),
        default="auto",
        help="exit when stdin reaches EOF (auto: only if stdin is a pipe/socket/tty)",
    )
    args = ap.parse_args()

    out_dir = os.path.abspath(args.out)
    os.makedirs(out_dir, exist_ok=True)

    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    handler = SinkHandler(out_dir)
    controller, port = start_controller(handler, args.port)

    if stdin_should_be_watched(args.stdin_eof):
        threading.Thread(target=watch_stdin, args=(stop,), daemon=True).start()

    emit("READY %d" % port)

    try:
        while not stop.wait(0.5):
            pass
    finally:
        try:
            controller.stop()
        except Exception:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
