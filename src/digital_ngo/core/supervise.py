"""A tiny process supervisor for ``make demo``: runs each line of a Procfile, restarts what dies.

honcho and foreman run a Procfile but stop everything when one process exits; supervisord
restarts but needs its own configuration file and daemon. This loop is the part we need:
each process runs in its own process group (so when a worker dies, the Tesseract it had
started is killed with it), a process that exits is started again after a back-off
(1 s, doubling to 30 s, reset after a minute of good running), and SIGINT/SIGTERM stop all
of them (SIGTERM first: the worker stops at a page boundary; SIGKILL after 15 s).
"""

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TextIO

LINE = re.compile(r"^([A-Za-z0-9_-]+):\s*(.+)$")
STOP_GRACE_SECONDS = 15
GOOD_RUN_SECONDS = 60


def parse_procfile(text: str) -> dict[str, str]:
    """``name: command`` lines; blank lines and ``#`` comments are skipped."""
    commands = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = LINE.match(line)
        if match:
            commands[match[1]] = match[2]
    return commands


@dataclass
class Process:
    name: str
    command: str
    popen: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    delay: float = 1.0
    restart_at: float = 0.0
    restarts: int = field(default=0)


class Supervisor:
    def __init__(self, commands: dict[str, str], log: TextIO = sys.stdout) -> None:
        self.processes = [Process(name, command) for name, command in commands.items()]
        self.log = log
        self.stopping = False

    def say(self, message: str) -> None:
        self.log.write(f"[supervise] {message}\n")
        self.log.flush()

    def start(self, process: Process) -> None:
        process.popen = subprocess.Popen(process.command, shell=True, start_new_session=True)
        process.started = time.monotonic()
        self.say(f"{process.name} started (pid {process.popen.pid})")

    @staticmethod
    def kill_group(process: Process, sig: int) -> None:
        if process.popen is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.popen.pid, sig)

    def check(self, process: Process) -> None:
        now = time.monotonic()
        if process.popen is None:
            if now >= process.restart_at:
                process.restarts += 1
                self.start(process)
            return
        code = process.popen.poll()
        if code is None:
            return
        self.kill_group(process, signal.SIGKILL)  # children left behind (Tesseract) die too
        if now - process.started > GOOD_RUN_SECONDS:
            process.delay = 1.0
        self.say(f"{process.name} exited with {code}; restarting in {process.delay:.0f} s")
        process.popen, process.restart_at = None, now + process.delay
        process.delay = min(process.delay * 2, 30.0)

    def stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True

    def run(self) -> int:
        signal.signal(signal.SIGINT, self.stop)
        signal.signal(signal.SIGTERM, self.stop)
        for process in self.processes:
            self.start(process)
        while not self.stopping:
            for process in self.processes:
                self.check(process)
            time.sleep(0.2)
        self.say("stopping")
        for process in self.processes:
            self.kill_group(process, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for process in self.processes:
            if process.popen is None:
                continue
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.popen.wait(timeout=max(deadline - time.monotonic(), 0.1))
            self.kill_group(process, signal.SIGKILL)
        return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "Procfile")
    return Supervisor(parse_procfile(path.read_text())).run()


if __name__ == "__main__":
    sys.exit(main())
