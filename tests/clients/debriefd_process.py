"""The built debriefd as a child process, for tests that exercise clients from outside.

Starts `debriefd serve` on 127.0.0.1 port 0 with a private data dir, reads the chosen
ports from its stdout, and stops it with SIGTERM (a clean drain must exit 0):

    with Debriefd() as server:                  # binary from $DEBRIEFD
        run(["client", ...], env=server.client_env())
        server.metric("debrief_requests_total", method="RecordFeedback", code="OK")

As a command it wraps another test program, which finds the server through the
DEBRIEF_GRPC_TARGET / DEBRIEF_HTTP_URL / DEBRIEF_DATA_DIR environment variables:

    debriefd_process.py [--static DIR] -- node agent_widget_test.js

--static serves DIR on another loopback port (DEBRIEF_STATIC_URL) and allows that
origin through CORS, so a browser page loaded from there can call the HTTP API.
"""

import argparse
import functools
import http.server
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import urllib.request

import yaml

# CTest's return code for "skipped" (SKIP_RETURN_CODE): only when a prerequisite is absent.
SKIP = 77
START_TIMEOUT_S = 30
STOP_TIMEOUT_S = 30


def source_dir():
    return os.environ.get("DEBRIEF_SOURCE_DIR") or os.path.abspath(
        os.path.join(os.path.dirname(__file__), "..", ".."))


def skip_unless(condition, reason):
    """Exits with CTest's skip code when a prerequisite is truly absent."""
    if not condition:
        print(f"SKIP: {reason}")
        sys.exit(SKIP)


class StaticSite:
    """Serves a directory on 127.0.0.1 (a free port) from a background thread."""

    def __init__(self, directory):
        handler = functools.partial(_QuietFileHandler, directory=directory)
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class _QuietFileHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Debriefd:
    """One debriefd process. Not thread-safe; use from the test's main thread."""

    def __init__(self, cors_origins=(), overrides=None, env=None):
        """cors_origins: allowed in server.cors; overrides: deep-merged over the shipped
        config/debrief.yaml; env: extra environment of debriefd (e.g. source secrets)."""
        self.binary = os.environ.get("DEBRIEFD", "")
        self.config = os.path.join(source_dir(), "config", "debrief.yaml")
        self.overrides = dict(overrides or {})
        if cors_origins:
            _merge(self.overrides, {"server": {"cors": {"allowed_origins": list(cors_origins)}}})
        self.env = dict(env or {})
        self.grpc_port = self.http_port = None
        self._workdir = None
        self._process = None
        self._stdout = []
        self._changed = threading.Condition()

    @property
    def grpc_target(self):
        return f"127.0.0.1:{self.grpc_port}"

    @property
    def http_url(self):
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def data_dir(self):
        return os.path.join(self._workdir, "data")

    def client_env(self, **extra):
        env = dict(os.environ, DEBRIEF_GRPC_TARGET=self.grpc_target,
                   DEBRIEF_HTTP_URL=self.http_url, DEBRIEF_DATA_DIR=self.data_dir)
        env.update(extra)
        return env

    def start(self):
        if not os.access(self.binary, os.X_OK):
            raise RuntimeError(f"$DEBRIEFD is not an executable: {self.binary!r}")
        self._workdir = tempfile.mkdtemp(prefix="debriefd-")
        config = self._write_config()
        self._log = open(os.path.join(self._workdir, "debriefd.log"), "w+")
        self._process = subprocess.Popen(
            [self.binary, "serve", "--config", config, "--grpc-listen", "127.0.0.1:0",
             "--http-listen", "127.0.0.1:0", "--data-dir", self.data_dir],
            stdout=subprocess.PIPE, stderr=self._log, text=True, env=dict(os.environ, **self.env))
        self._reader = threading.Thread(target=self._read_stdout, daemon=True)
        self._reader.start()
        with self._changed:
            ready = self._changed.wait_for(self._started_or_exited, timeout=START_TIMEOUT_S)
        if not ready or self._process.poll() is not None:
            self._kill()
            raise RuntimeError(f"debriefd did not start:\n{self.log()}")
        return self

    def stop(self):
        """SIGTERM, then waits for the drain; returns debriefd's exit status."""
        if self._process is None:
            return 0
        self._process.send_signal(signal.SIGTERM)
        try:
            status = self._process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self._kill()
            status = "no exit within %ds of SIGTERM" % STOP_TIMEOUT_S
        self._reader.join()
        self._process.stdout.close()
        self._process = None
        return status

    def close(self):
        self.stop()
        if self._workdir:
            self._log.close()
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def log(self):
        self._log.flush()
        self._log.seek(0)
        return "".join(self._stdout) + self._log.read()[-4000:]

    def get(self, path):
        with urllib.request.urlopen(self.http_url + path, timeout=10) as response:
            return response.read().decode()

    def metric(self, name, **labels):
        """The value of one sample on /metrics; 0 when that series does not exist yet."""
        wanted = {k: str(v) for k, v in labels.items()}
        for line in self.get("/metrics").splitlines():
            match = re.fullmatch(r"(\w+)(?:\{(.*)\})? (\S+)", line)
            if not match or match.group(1) != name:
                continue
            have = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', match.group(2) or ""))
            if have == wanted:
                return float(match.group(3))
        return 0.0

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        status = self.stop()
        self.close()
        if status != 0 and exc[0] is None:
            raise AssertionError(f"debriefd exited with {status} after SIGTERM")

    def _write_config(self):
        if not self.overrides:
            return self.config
        with open(self.config) as f:
            config = yaml.safe_load(f)
        _merge(config, self.overrides)
        path = os.path.join(self._workdir, "debrief.yaml")
        with open(path, "w") as f:
            yaml.safe_dump(config, f)
        return path

    def _read_stdout(self):
        for line in self._process.stdout:
            with self._changed:
                self._stdout.append(line)
                for key, attribute in (("gRPC", "grpc_port"), ("HTTP", "http_port")):
                    match = re.match(rf"\s*{key}\s+port (\d+)", line)
                    if match:
                        setattr(self, attribute, int(match.group(1)))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def _started_or_exited(self):
        return (self.grpc_port and self.http_port) or self._process.poll() is not None

    def _kill(self):
        if self._process and self._process.poll() is None:
            self._process.kill()
            self._process.wait()


def _merge(base, overrides):
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--static", help="directory to serve on loopback (CORS-allowed)")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command to run")

    site = StaticSite(args.static) if args.static else None
    server = Debriefd(cors_origins=[site.url] if site else ())
    try:
        server.start()
        extra = {"DEBRIEF_STATIC_URL": site.url} if site else {}
        result = subprocess.run(command, env=server.client_env(**extra)).returncode
        status = server.stop()
        if result == 0 and status != 0:
            print(f"debriefd exited with {status} after SIGTERM:\n{server.log()}")
            result = 1
        elif result not in (0, SKIP):
            print(f"--- debriefd output ---\n{server.log()}")
        return result
    finally:
        server.close()
        if site:
            site.close()


if __name__ == "__main__":
    sys.exit(main())
