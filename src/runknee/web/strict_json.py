"""JSON request bodies parsed strictly (:mod:`runknee.strict_json`): duplicate keys, NaN,
huge numbers, deep nesting, bad UTF-8 and a BOM are a 400 in the error shape, like any JSON
syntax error. Use :class:`StrictJSONRoute` as the ``route_class`` of an ``APIRouter``."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from runknee import strict_json


class StrictJSONRequest(Request):
    """A request whose ``json()`` is :func:`runknee.strict_json.loads`."""

    async def json(self) -> Any:
        """The body as strict JSON (raises ``json.JSONDecodeError``)."""
        if not hasattr(self, "_json"):
            self._json = strict_json.loads(await self.body())
        return self._json


class StrictJSONRoute(APIRoute):
    """An API route that parses JSON bodies with :class:`StrictJSONRequest`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """FastAPI's handler, given the strict request."""
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(StrictJSONRequest(request.scope, request.receive))

        return strict_handler
