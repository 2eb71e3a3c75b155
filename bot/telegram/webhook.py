"""The webhook server Telegram posts updates to (behind a TLS reverse proxy).

The secret header is checked before the body is read, bodies over 1 MiB are refused unread,
malformed JSON gets 400, and 200 is answered only once the update is stored (a re-delivered
``update_id`` is stored once). aiohttp is imported only in webhook mode.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Callable

from aiohttp import web

from bot.storage.inbox import Inbox
from bot.telegram.intake import incoming

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookServer:
    """The HTTPS endpoint Telegram posts to (behind a TLS reverse proxy)."""

    def __init__(
        self,
        inbox: Inbox,
        stored: Callable[[], None],
        *,
        path: str,
        secret: str,
        listen: str,
        port: int,
    ) -> None:
        self.inbox = inbox
        self.stored = stored
        self.path = "/" + path.strip("/")
        self.secret = secret.encode()
        self.listen = listen
        self.port = port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application(client_max_size=MAX_BODY_BYTES)
        app.router.add_post(self.path, self.receive)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.listen, self.port).start()
        logger.info("webhook listening on %s:%s%s", self.listen, self.port, self.path)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            return web.Response(status=403, text="forbidden")
        length = request.content_length
        if length is not None and length > MAX_BODY_BYTES:
            return web.Response(status=413, text="too large")
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return web.Response(status=413, text="too large")
        try:
            data = json.loads(body)
        except ValueError:
            return web.Response(status=400, text="malformed JSON")
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return web.Response(status=400, text="not an update")
        try:
            await asyncio.to_thread(self.inbox.add, [incoming(data)])
        except Exception:
            logger.exception("could not store update_id=%s", data.get("update_id"))
            return web.Response(status=503, text="try again")
        self.stored()
        return web.Response(status=200)
