"""`make demo`'s last step: the CMS and the public frontend side by side.

One supervisor instead of a shell with `trap 'kill 0'`: that trap also
caught the SIGTERM it sent to its own process group, ran again and again,
and the shell died of it ("Segmentation fault" on every Ctrl-C). The CMS
runs without Django's autoreloader (a second process that printed its start
lines a second time). Ctrl-C reaches both servers (same process group);
whatever still runs a few seconds later is stopped here.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

START_TIMEOUT = 120
STOP_TIMEOUT = 10


def answers(url: str) -> bool:
    """Whether a server answers at `url`, with any HTTP status."""
    try:
        urllib.request.urlopen(url, timeout=2)  # noqa: S310 - loopback
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


class Command(BaseCommand):
    help = (
        "Run the CMS (Django's development server) and the public frontend "
        "(gunicorn) together; print the addresses and the demo logins once "
        "both answer. Ctrl-C stops both."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--frontend-port", type=int, default=8080)

    def handle(self, *args, host, port, frontend_port, **options):
        cms = f"http://{host}:{port}"
        portal = f"http://{host}:{frontend_port}"
        processes = [
            self.start(
                [sys.executable, "manage.py", "runserver", f"{host}:{port}"]
                + ["--noreload"],
                PUBLIC_PORTAL_URL=portal,
            ),
            self.start(
                [sys.executable, "-m", "gunicorn", "--bind", f"{host}:{frontend_port}"]
                + ["--workers", "2", "--log-level", "warning"]
                + ["frontend_templates.app:create_app()"],
                CMS_API_URL=cms,
                PORTAL_URL=portal,
            ),
        ]
        try:
            self.wait_until_up(processes, [f"{cms}/admin/login/", f"{portal}/"])
            self.welcome(cms, portal)
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
            raise CommandError("A server stopped; stopping the other one too.")
        except KeyboardInterrupt:
            self.stdout.write("")
        finally:
            self.stop(processes)

    def start(self, command: list[str], **env) -> subprocess.Popen:
        return subprocess.Popen(  # noqa: S603 - our own servers
            command, cwd=settings.BASE_DIR, env={**os.environ, **env}
        )

    def wait_until_up(self, processes, urls: list[str]) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        waiting = list(urls)
        while waiting:
            if any(process.poll() is not None for process in processes):
                raise CommandError("A server did not start; see above.")
            if time.monotonic() > deadline:
                raise CommandError(f"No answer from {', '.join(waiting)}.")
            waiting = [url for url in waiting if not answers(url)]
            if waiting:
                time.sleep(0.3)

    def welcome(self, cms: str, portal: str) -> None:
        self.stdout.write(self.style.SUCCESS("Both servers are up."))
        self.stdout.write(f"CMS admin:        {cms}/admin/")
        self.stdout.write(f"Kecamatan portal: {portal}/")
        logins = getattr(settings, "DEMO_USERS", {})
        if logins:
            self.stdout.write("Demo logins (dev settings only):")
            for username, account in logins.items():
                role, password = account["role"], account["password"]
                self.stdout.write(f"  {role:<10} {username:<18} {password}")
        self.stdout.write("Ctrl-C stops both.")

    def stop(self, processes) -> None:
        """Ctrl-C already reached the servers; stop what still runs."""
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C
        deadline = time.monotonic() + STOP_TIMEOUT
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
