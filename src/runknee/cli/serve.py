"""``runknee web``: bind the port first (a taken port is a clear error that suggests --port),
and say "serving at" only once the server is serving."""

from __future__ import annotations

import errno
import socket
from typing import Any

import typer
import uvicorn

from runknee.errors import CaseInputError, FieldError
from runknee.i18n import _


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``.

    Raises:
        CaseInputError: the port is taken (suggesting another with --port), or the address
            cannot be used.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            message = _(
                "port %(port)s on %(host)s is already in use (is runknee already running?); "
                "choose another with --port, e.g. --port %(other)s"
            ) % {"port": port, "host": host, "other": port + 1 if port else 8001}
        else:
            message = _("cannot listen on %(host)s:%(port)s: %(reason)s") % {
                "host": host,
                "port": port,
                "reason": exc.strerror or exc,
            }
        raise CaseInputError([FieldError("--port", message)]) from None
    return sock


class _AnnouncingServer(uvicorn.Server):
    """A server that prints where it serves once it has started, not before."""

    def __init__(self, config: uvicorn.Config, announce: str) -> None:
        super().__init__(config)
        self._announce = announce

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            typer.echo(self._announce)
            typer.echo(_("Press Ctrl+C to stop."))


def serve(application: Any, host: str, port: int, database_label: str) -> None:
    """Serve ``application`` on ``host:port`` (port 0: any free port, which is then shown)."""
    sock = bind(host, port)
    actual = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    announce = _("runknee is serving at %(url)s (database: %(database)s)") % {
        "url": f"http://{shown}:{actual}/",
        "database": database_label,
    }
    config = uvicorn.Config(application, log_level="warning", server_header=False)
    try:
        _AnnouncingServer(config, announce).run(sockets=[sock])
    finally:
        sock.close()
