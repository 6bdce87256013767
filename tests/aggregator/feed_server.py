"""A real HTTP server on 127.0.0.1 for feed tests: routes map a path to a
response (status, headers, body), or to a callable for special behaviour.
Requests are recorded so tests can check conditional GET and the
User-Agent."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEEDS = Path(__file__).parent / "feeds"
RSS = "application/rss+xml; charset=UTF-8"


class FeedServer:
    def __init__(self):
        self.routes: dict[str, object] = {}
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append({"path": self.path, **dict(self.headers)})
                route = server.routes.get(self.path)
                if route is None:
                    return self.reply(404, {}, b"not found")
                if callable(route):
                    return route(self)
                return self.reply(*route)

            def reply(self, status, headers, body=b""):
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    # Ready-made routes

    def feed(self, path, name, content_type=RSS, etag=None, last_modified=None):
        """Serve a fixture file, honouring If-None-Match / If-Modified-Since."""
        body = (FEEDS / name).read_bytes() if isinstance(name, str) else name

        def respond(handler):
            headers = {"Content-Type": content_type}
            if etag:
                headers["ETag"] = etag
                if handler.headers.get("If-None-Match") == etag:
                    return handler.reply(304, {"ETag": etag})
            if last_modified:
                headers["Last-Modified"] = last_modified
                if handler.headers.get("If-Modified-Since") == last_modified:
                    return handler.reply(304, {})
            return handler.reply(200, headers, body)

        self.routes[path] = respond

    def slow(self, path, seconds):
        def respond(handler):
            time.sleep(seconds)
            handler.reply(200, {"Content-Type": RSS}, b"<rss/>")

        self.routes[path] = respond

    def endless(self, path, chunk=b"<!-- padding -->" * 64):
        """A body with no Content-Length that never ends on its own."""

        def respond(handler):
            handler.send_response(200)
            handler.send_header("Content-Type", RSS)
            handler.end_headers()
            try:
                handler.wfile.write(b'<?xml version="1.0"?><rss version="2.0">')
                for _ in range(100_000):
                    handler.wfile.write(chunk)
            except OSError:
                pass  # the reader hung up, as it should

        self.routes[path] = respond

    def redirect(self, path, target, status=302):
        self.routes[path] = (status, {"Location": target}, b"")
