"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests and the benchmark.

It speaks the real HTTP protocol python-telegram-bot uses (``/bot<token>/<method>``, form,
JSON or multipart bodies, ``{"ok": ..., "result": ...}`` answers), so the real
``Application`` runs against it unchanged::

    async with FakeBotAPI() as api:
        settings = BotSettings(telegram_bot_token=api.token, telegram_base_url=api.base_url, ...)
        async with running(build_application(settings), settings):
            api.push_update(api.text_update("开多2手 1000 平仓 1020 乘数100", user_id=7))
            [call] = await api.wait_for_calls("sendMessage", 1)

Behaviour copied from Telegram where tests rely on it: long polling ``getUpdates`` with
offsets (an update stays until a later call confirms it with a higher offset); HTML
``parse_mode`` is validated (unknown or unbalanced tags and bare ``<``/``&`` are refused with
400 "can't parse entities"); texts over 4096 characters are refused; editing an unknown
message or editing without a change fails as on Telegram; ``getUpdates`` fails with 409
while a webhook is set, and pushed updates are then POSTed to the webhook with its secret.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import random
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientSession, web

DEFAULT_TOKEN = "123456789:AAHfakeSecretForE2E_q8Zr7Lm2Np4Kd9Wx"
BOT_ID = 123456789
BOT_USERNAME = "PingcangTestBot"
MAX_TEXT = 4096
ADMIN_STATUSES = ("creator", "administrator")

# Parameters whose value is a plain string even when it looks like JSON (Telegram knows the
# type of each parameter; python-telegram-bot JSON-encodes everything but strings).
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "query",
        "parse_mode",
        "callback_query_id",
        "inline_query_id",
        "url",
        "secret_token",
        "language_code",
        "next_offset",
        "inline_message_id",
        "photo",
        "document",
        "description",
        "short_description",
    }
)
_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "span",
        "tg-spoiler",
        "blockquote",
        "tg-emoji",
    }
)
_HTML_TOKEN = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>|&(#\d+|#x[0-9a-fA-F]+|[a-z]+);"
)
_MENTION = re.compile(r"@[A-Za-z][A-Za-z0-9_]{3,31}")


class TelegramHTMLError(ValueError):
    """What Telegram answers with 400 "Bad Request: can't parse entities: …"."""


def html_to_text(text: str) -> str:
    """Validate Telegram HTML as Telegram does and return the plain text it displays."""
    out: list[str] = []
    stack: list[str] = []
    position = 0
    for match in _HTML_TOKEN.finditer(text):
        out.append(_plain_piece(text[position : match.start()], position))
        position = match.end()
        closing, name, entity = match.group(1), match.group(2), match.group(4)
        if entity is not None:
            decoded = html.unescape(match.group(0))
            if decoded == match.group(0):
                raise TelegramHTMLError(f"unknown entity {match.group(0)!r}")
            out.append(decoded)
            continue
        name = name.lower()
        if name not in _TAGS:
            raise TelegramHTMLError(
                f'unsupported start tag "{name}" at byte offset {match.start()}'
            )
        if closing:
            if not stack or stack[-1] != name:
                raise TelegramHTMLError(f'unexpected end tag "{name}"')
            stack.pop()
        else:
            stack.append(name)
    out.append(_plain_piece(text[position:], position))
    if stack:
        raise TelegramHTMLError(f'can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def _plain_piece(piece: str, offset: int) -> str:
    for bad in ("<", "&"):
        index = piece.find(bad)
        if index >= 0:
            raise TelegramHTMLError(f"unexpected {bad!r} at byte offset {offset + index}")
    return piece


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class UploadedFile:
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(frozen=True)
class RecordedCall:
    """One Bot API request as the server received it, recorded when it was answered (a long
    ``getUpdates`` poll is recorded when it returns)."""

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile]
    at: float
    """``time.monotonic()`` when it arrived."""
    ok: bool
    result: Any = None
    """What the server answered (the Message dict for sendMessage …) or the error text."""

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def chat_id(self) -> int | str | None:
        value = self.params.get("chat_id")
        return value if isinstance(value, int | str) else None

    @property
    def reply_to_message_id(self) -> int | None:
        reply = self.params.get("reply_parameters")
        if isinstance(reply, dict):
            return int(reply["message_id"])
        value = self.params.get("reply_to_message_id")
        return int(value) if value is not None else None


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after


@dataclass
class _Failure:
    method: str
    code: int
    description: str
    retry_after: int | None
    remaining: int


@dataclass
class _Outage:
    method: str
    code: int
    description: str
    retry_after: int | None
    until: float
    """``time.monotonic()`` when the outage ends."""


@dataclass
class _Flaky:
    method: str
    code: int
    description: str
    share: float
    rng: random.Random


@dataclass
class _Chat:
    data: dict[str, Any]
    next_message_id: int = 1
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)


class FakeBotAPI:
    """The fake server. Start with ``await start()`` (or ``async with``); stop with ``stop()``."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_id: int = BOT_ID,
        username: str = BOT_USERNAME,
        first_name: str = "平仓助手",
        host: str = "127.0.0.1",
        port: int = 0,
        validate_html: bool = True,
    ) -> None:
        self.token = token
        self.bot_user: dict[str, Any] = {
            "id": bot_id,
            "is_bot": True,
            "first_name": first_name,
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self.host = host
        self.port = port
        self.validate_html = validate_html
        self.calls: list[RecordedCall] = []
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        """setMyCommands by (scope type, language code or "")."""
        self.profile: dict[str, str] = {"description": "", "short_description": ""}
        """setMyDescription / setMyShortDescription (any language)."""
        self.webhook: dict[str, Any] | None = None
        self.webhook_deliveries: list[int] = []
        """HTTP status of every update POSTed to the webhook."""
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._highest_offset = 0
        self._chats: dict[int, _Chat] = {}
        self._members: dict[tuple[int, int], str] = {}
        self._failures: list[_Failure] = []
        self._outages: list[_Outage] = []
        self._flaky: list[_Flaky] = []
        self._changed = asyncio.Condition()
        self._new_update = asyncio.Event()
        self._closing = False
        self._counts: dict[str, int] = {}
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._client: ClientSession | None = None
        self._delivery_tasks: set[asyncio.Task[None]] = set()
        self._methods: dict[str, Callable[[dict[str, Any], dict[str, UploadedFile]], Any]] = {
            "getMe": self._get_me,
            "getUpdates": self._not_here,  # handled asynchronously below
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "answerInlineQuery": self._answer_inline_query,
            "answerCallbackQuery": lambda params, files: True,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "getChatMember": self._get_chat_member,
            "getMyDescription": lambda params, files: {"description": self.profile["description"]},
            "setMyDescription": lambda params, files: self._set_profile(params, "description"),
            "getMyShortDescription": lambda params, files: {
                "short_description": self.profile["short_description"]
            },
            "setMyShortDescription": lambda params, files: self._set_profile(
                params, "short_description"
            ),
            "sendChatAction": lambda params, files: True,
            "close": lambda params, files: True,
            "logOut": lambda params, files: True,
        }

    # --- life cycle ----------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on ``host:port`` (port 0 picks a free one; see ``base_url``)."""
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        self._client = ClientSession()

    async def stop(self) -> None:
        """Release long polls and stop listening."""
        self._closing = True
        self._new_update.set()
        for task in list(self._delivery_tasks):
            task.cancel()
        if self._client is not None:
            await self._client.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> FakeBotAPI:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder.base_url`` / ``TELEGRAM_BASE_URL``."""
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self.host}:{self.port}/file/bot"

    @property
    def bot_id(self) -> int:
        return int(self.bot_user["id"])

    @property
    def username(self) -> str:
        return str(self.bot_user["username"])

    # --- what tests control ---------------------------------------------------------------

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update (``update_id`` assigned if missing); returns its id.

        While a webhook is set the update is POSTed to it instead, as Telegram does.
        """
        if "update_id" not in update:
            update = {"update_id": self._next_update_id, **update}
        self._next_update_id = max(self._next_update_id, int(update["update_id"]) + 1)
        self._remember_chat_of(update)
        if self.webhook is not None:
            task = asyncio.get_running_loop().create_task(self._deliver(update))
            self._delivery_tasks.add(task)
            task.add_done_callback(self._delivery_tasks.discard)
        else:
            self._updates.append(update)
            self._new_update.set()
        return int(update["update_id"])

    def push_updates(self, updates: Iterable[dict[str, Any]]) -> list[int]:
        return [self.push_update(update) for update in updates]

    def set_member_status(self, chat_id: int, user_id: int, status: str) -> None:
        """What getChatMember answers: creator, administrator, member, left or kicked."""
        self._members[(chat_id, user_id)] = status

    def fail_next(
        self,
        method: str,
        *,
        code: int = 400,
        description: str = "Bad Request: injected failure",
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail (e.g. 429 with retry_after)."""
        self._failures.append(_Failure(method, code, description, retry_after, times))

    def fail_for(
        self,
        method: str,
        seconds: float,
        *,
        code: int = 429,
        description: str = "Too Many Requests: retry later",
        retry_after: int | None = None,
    ) -> None:
        """Make every call of ``method`` fail for the next ``seconds`` (an outage, or a 429
        storm when ``retry_after`` is given)."""
        until = time.monotonic() + seconds
        self._outages.append(_Outage(method, code, description, retry_after, until))

    def fail_randomly(
        self,
        method: str,
        share: float,
        *,
        code: int = 502,
        description: str = "Bad Gateway",
        seed: int = 15,
    ) -> None:
        """Make a random ``share`` of the calls of ``method`` fail (seeded: repeatable)."""
        self._flaky.append(_Flaky(method, code, description, share, random.Random(seed)))

    def calls_to(self, method: str) -> list[RecordedCall]:
        return [call for call in self.calls if call.method == method]

    def count(self, method: str) -> int:
        """Successful and failed calls of ``method`` so far (O(1))."""
        return self._counts.get(method, 0)

    async def wait_for_calls(
        self,
        method: str,
        count: int,
        timeout: float = 10.0,  # noqa: ASYNC109 - a test helper must never hang by default
    ) -> list[RecordedCall]:
        """Wait until ``method`` was called at least ``count`` times; return those calls."""
        async with self._changed:
            await asyncio.wait_for(
                self._changed.wait_for(lambda: self._counts.get(method, 0) >= count), timeout
            )
        return self.calls_to(method)

    async def wait_until_confirmed(
        self,
        update_id: int,
        timeout: float = 10.0,  # noqa: ASYNC109 - a test helper must never hang by default
    ) -> None:
        """Wait until the bot has fetched ``update_id`` and confirmed it with a higher offset."""
        async with self._changed:
            await asyncio.wait_for(
                self._changed.wait_for(lambda: self._highest_offset > update_id), timeout
            )

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """A message as it is now (sent by a user or the bot; edits applied)."""
        chat = self._chats.get(chat_id)
        return None if chat is None else chat.messages.get(message_id)

    def last_user_message_id(self, chat_id: int) -> int | None:
        """message_id of the newest message a user (not the bot) sent in ``chat_id``."""
        chat = self._chats.get(chat_id)
        ids = [mid for mid, m in (chat.messages.items() if chat else ()) if not m["from"]["is_bot"]]
        return max(ids, default=None)

    @property
    def pending_updates(self) -> int:
        return len(self._updates)

    # --- update builders ------------------------------------------------------------------

    @staticmethod
    def user(user_id: int, first_name: str | None = None) -> dict[str, Any]:
        return {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name or f"用户{user_id}",
            "username": f"user{user_id}",
            "language_code": "zh-hans",
        }

    @staticmethod
    def private_chat(user_id: int) -> dict[str, Any]:
        return {"id": user_id, "type": "private", "first_name": f"用户{user_id}"}

    @staticmethod
    def group_chat(chat_id: int, title: str = "期货交流群") -> dict[str, Any]:
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        return {"id": chat_id, "type": "supergroup", "title": title}

    def text_update(
        self,
        text: str,
        *,
        user_id: int,
        chat_id: int | None = None,
        reply_to: dict[str, Any] | None = None,
        sender_chat: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A new text message; ``chat_id`` < 0 makes it a group, None a private chat.

        Entities are filled in as Telegram does: a leading ``/command`` and ``@mentions``.
        """
        chat = self.private_chat(user_id) if chat_id is None else self.group_chat(chat_id)
        record = self._chat(chat)
        message_id = record.next_message_id
        record.next_message_id += 1
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": self.user(user_id),
            "text": text,
        }
        entities = _entities(text)
        if entities:
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        if sender_chat is not None:
            message["sender_chat"] = sender_chat
        record.messages[message_id] = message
        return {"message": message}

    def media_update(
        self,
        kind: str,
        *,
        user_id: int,
        chat_id: int | None = None,
        caption: str | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A new message with no text: ``kind`` is photo, sticker or animation (a GIF); a
        photo may carry a ``caption`` (its mentions become ``caption_entities``)."""
        update = self.text_update("x", user_id=user_id, chat_id=chat_id, reply_to=reply_to)
        message = update["message"]
        del message["text"]
        message.pop("entities", None)
        file = {"file_id": f"{kind}-{next(self._ids)}", "file_unique_id": f"u{kind}"}
        if kind == "photo":
            message["photo"] = [{**file, "width": 800, "height": 600}]
        elif kind == "sticker":
            message["sticker"] = {
                **file,
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "emoji": "👍",
            }
        else:
            message[kind] = {**file, "width": 320, "height": 240, "duration": 2}
        if caption is not None:
            message["caption"] = caption
            entities = _entities(caption)
            if entities:
                message["caption_entities"] = entities
        return update

    def edited_update(self, message: dict[str, Any], text: str) -> dict[str, Any]:
        """The user edits ``message`` (one they sent) to say ``text``."""
        edited = {**message, "text": text, "edit_date": int(time.time())}
        entities = _entities(text)
        edited.pop("entities", None)
        if entities:
            edited["entities"] = entities
        self._chat(message["chat"]).messages[message["message_id"]] = edited
        return {"edited_message": edited}

    def my_chat_member_update(
        self, chat_id: int, *, old: str, new: str, user_id: int
    ) -> dict[str, Any]:
        """The bot's own membership in a group changed (``user_id`` changed it)."""
        return {
            "my_chat_member": {
                "chat": self.group_chat(chat_id),
                "from": self.user(user_id),
                "date": int(time.time()),
                "old_chat_member": _chat_member(self.bot_user, old),
                "new_chat_member": _chat_member(self.bot_user, new),
            }
        }

    def inline_query_update(
        self, query: str, *, user_id: int, chat_type: str = "sender"
    ) -> dict[str, Any]:
        return {
            "inline_query": {
                "id": str(next(self._ids)),
                "from": self.user(user_id),
                "query": query,
                "offset": "",
                "chat_type": chat_type,
            }
        }

    def callback_update(
        self, message: dict[str, Any], data: str, *, user_id: int
    ) -> dict[str, Any]:
        """A button press under ``message`` (a message the bot sent: ``call.result``)."""
        return {
            "callback_query": {
                "id": str(next(self._ids)),
                "from": self.user(user_id),
                "message": message,
                "chat_instance": f"ci{message['chat']['id']}",
                "data": data,
            }
        }

    # --- HTTP ----------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        params, files = await _read_params(request)
        try:
            self._maybe_fail(method)
            if method == "getUpdates":
                result = await self._get_updates(params)
            elif method in self._methods:
                result = self._methods[method](params, files)
            else:
                raise ApiError(404, "Not Found")
        except ApiError as error:
            await self._record(method, params, files, ok=False, result=error.description)
            body: dict[str, Any] = {
                "ok": False,
                "error_code": error.code,
                "description": error.description,
            }
            if error.retry_after is not None:
                body["parameters"] = {"retry_after": error.retry_after}
            return web.json_response(body, status=error.code)
        await self._record(method, params, files, ok=True, result=result)
        return web.json_response({"ok": True, "result": result})

    async def _record(
        self,
        method: str,
        params: dict[str, Any],
        files: dict[str, UploadedFile],
        *,
        ok: bool,
        result: Any,
    ) -> None:
        if isinstance(result, dict):
            result = dict(result)  # later edits must not change what was recorded
        self.calls.append(RecordedCall(method, params, files, time.monotonic(), ok, result))
        self._counts[method] = self._counts.get(method, 0) + 1
        async with self._changed:
            self._changed.notify_all()

    def _maybe_fail(self, method: str) -> None:
        now = time.monotonic()
        for outage in self._outages:
            if outage.method == method and now < outage.until:
                raise ApiError(outage.code, outage.description, outage.retry_after)
        for flaky in self._flaky:
            if flaky.method == method and flaky.rng.random() < flaky.share:
                raise ApiError(flaky.code, flaky.description)
        for failure in self._failures:
            if failure.method == method and failure.remaining > 0:
                failure.remaining -= 1
                raise ApiError(failure.code, failure.description, failure.retry_after)

    # --- methods -------------------------------------------------------------------------

    def _not_here(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        raise AssertionError("unreachable")

    def _get_me(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        return self.bot_user

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        allowed = params.get("allowed_updates")
        if offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            if offset > self._highest_offset:
                self._highest_offset = offset
                async with self._changed:
                    self._changed.notify_all()
        deadline = time.monotonic() + timeout
        while True:
            ready = [u for u in self._updates if _allowed(u, allowed)][:limit]
            remaining = deadline - time.monotonic()
            if ready or remaining <= 0 or self._closing:
                return ready
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), remaining)

    def _chat_for(self, params: dict[str, Any]) -> _Chat:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int) or chat_id not in self._chats:
            raise ApiError(400, "Bad Request: chat not found")
        return self._chats[chat_id]

    def _checked_text(self, params: dict[str, Any], key: str = "text") -> str:
        text = params.get(key)
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        shown = text
        if self.validate_html and str(params.get("parse_mode", "")).upper() == "HTML":
            try:
                shown = html_to_text(text)
            except TelegramHTMLError as error:
                raise ApiError(400, f"Bad Request: can't parse entities: {error}") from None
        if utf16_len(shown) > MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
        if not shown.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        return shown

    def _new_bot_message(
        self, chat: _Chat, params: dict[str, Any], **content: Any
    ) -> dict[str, Any]:
        message_id = chat.next_message_id
        chat.next_message_id += 1
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat.data,
            "from": self.bot_user,
            **content,
        }
        reply_to = _reply_to_id(params)
        if reply_to is not None:
            original = chat.messages.get(reply_to)
            if original is not None:
                message["reply_to_message"] = _without_reply(original)
            else:
                allow = params.get("reply_parameters", {}).get("allow_sending_without_reply")
                if not (allow or params.get("allow_sending_without_reply")):
                    raise ApiError(400, "Bad Request: message to be replied not found")
        if "inline_keyboard" in (params.get("reply_markup") or {}):
            message["reply_markup"] = params["reply_markup"]  # Telegram echoes only these
        chat.messages[message_id] = message
        return message

    def _send_message(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        chat = self._chat_for(params)
        text = self._checked_text(params)
        return self._new_bot_message(chat, params, text=text)

    def _edit_message_text(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        if "inline_message_id" in params:
            self._checked_text(params)
            return True
        chat = self._chat_for(params)
        message = chat.messages.get(int(params.get("message_id") or 0))
        if message is None or message["from"]["id"] != self.bot_id:
            raise ApiError(400, "Bad Request: message to edit not found")
        text = self._checked_text(params)
        markup = params.get("reply_markup")
        if message.get("text") == text and message.get("reply_markup") == markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup "
                "of the message",
            )
        message["text"] = text
        message["edit_date"] = int(time.time())
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        return message

    def _media(self, params: dict[str, Any], files: dict[str, UploadedFile], key: str) -> Any:
        chat = self._chat_for(params)
        upload = files.get(key)
        if upload is None:
            reference = params.get(key)
            if not isinstance(reference, str) or not reference:
                raise ApiError(400, f"Bad Request: there is no {key} in the request")
            size = 0
        else:
            size = len(upload.data)
        content: dict[str, Any] = {}
        if params.get("caption"):
            content["caption"] = self._checked_text(params, "caption")
        file_id = f"{key}-{next(self._ids)}"
        if key == "photo":
            content["photo"] = [
                {
                    "file_id": file_id,
                    "file_unique_id": file_id,
                    "width": 800,
                    "height": 600,
                    "file_size": size,
                }
            ]
        else:
            content["document"] = {
                "file_id": file_id,
                "file_unique_id": file_id,
                "file_name": upload.filename if upload else None,
                "file_size": size,
            }
        return self._new_bot_message(chat, params, **content)

    def _send_photo(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        return self._media(params, files, "photo")

    def _send_document(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        return self._media(params, files, "document")

    def _answer_inline_query(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        results = params.get("results")
        if not isinstance(results, list) or len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        button = params.get("button")
        if button is not None and not (
            button.get("text")
            and (
                re.fullmatch(r"[A-Za-z0-9_-]{1,64}", str(button.get("start_parameter", "")))
                or button.get("web_app")
            )
        ):
            raise ApiError(400, "Bad Request: BUTTON_INVALID")
        ids = [str(result.get("id", "")) for result in results]
        if len(set(ids)) != len(ids) or any(not 0 < len(i.encode()) <= 64 for i in ids):
            raise ApiError(400, "Bad Request: RESULT_ID_DUPLICATE")
        for result in results:
            content = result.get("input_message_content") or {}
            if "message_text" in content:
                self._checked_text(
                    {"text": content["message_text"], "parse_mode": content.get("parse_mode")}
                )
        return True

    def _set_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list) or not commands or len(commands) > 100:
            raise ApiError(400, "Bad Request: commands not valid")
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[_commands_key(params)] = commands
        return True

    def _set_profile(self, params: dict[str, Any], key: str) -> Any:
        value = str(params.get(key) or "")
        if len(value) > (512 if key == "description" else 120):
            raise ApiError(400, f"Bad Request: {key.upper()}_INVALID")
        self.profile[key] = value
        return True

    def _get_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        return self.commands.get(_commands_key(params), [])

    def _delete_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        self.commands.pop(_commands_key(params), None)
        return True

    def _delete_webhook(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _set_webhook(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        url = params.get("url")
        if not isinstance(url, str):
            raise ApiError(400, "Bad Request: bad webhook: url required")
        if not url:
            self.webhook = None
            return True
        self.webhook = {"url": url, "secret_token": params.get("secret_token")}
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _get_webhook_info(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        url = self.webhook["url"] if self.webhook else ""
        return {"url": url, "has_custom_certificate": False, "pending_update_count": 0}

    def _get_chat_member(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        chat_id, user_id = params.get("chat_id"), params.get("user_id")
        if not isinstance(chat_id, int) or not isinstance(user_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        status = self._members.get((chat_id, user_id), "member")
        return _chat_member(self.user(user_id), status)

    # --- helpers -------------------------------------------------------------------------

    def _chat(self, chat: dict[str, Any]) -> _Chat:
        record = self._chats.get(chat["id"])
        if record is None:
            record = self._chats[chat["id"]] = _Chat(chat)
        return record

    def _remember_chat_of(self, update: dict[str, Any]) -> None:
        for key in ("message", "edited_message"):
            message = update.get(key)
            if message:
                record = self._chat(message["chat"])
                record.messages.setdefault(message["message_id"], message)
                record.next_message_id = max(record.next_message_id, message["message_id"] + 1)

    async def _deliver(self, update: dict[str, Any]) -> None:
        assert self.webhook is not None and self._client is not None
        headers = {}
        if self.webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
        async with self._client.post(self.webhook["url"], json=update, headers=headers) as resp:
            self.webhook_deliveries.append(resp.status)
        async with self._changed:
            self._changed.notify_all()


def _entities(text: str) -> list[dict[str, Any]]:
    entities: list[dict[str, Any]] = []
    if text.startswith("/"):
        command = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
        if command:
            entities.append({"type": "bot_command", "offset": 0, "length": command.end()})
    for match in _MENTION.finditer(text):
        if entities and match.start() < entities[0]["length"] and text.startswith("/"):
            continue  # the @bot part of /cmd@bot is not a separate mention
        start = utf16_len(text[: match.start()])
        entities.append({"type": "mention", "offset": start, "length": utf16_len(match.group())})
    return entities


def _allowed(update: dict[str, Any], allowed: Any) -> bool:
    if not allowed:
        return True
    return any(key in update for key in allowed)


def _reply_to_id(params: dict[str, Any]) -> int | None:
    reply = params.get("reply_parameters")
    if isinstance(reply, dict) and "message_id" in reply:
        return int(reply["message_id"])
    value = params.get("reply_to_message_id")
    return int(value) if value is not None else None


def _without_reply(message: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in message.items() if key != "reply_to_message"}


def _commands_key(params: dict[str, Any]) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return str(scope.get("type", "default")), str(params.get("language_code") or "")


def _chat_member(user: dict[str, Any], status: str) -> dict[str, Any]:
    member: dict[str, Any] = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(
            {
                "can_be_edited": False,
                "is_anonymous": False,
                "can_manage_chat": True,
                "can_delete_messages": True,
                "can_manage_video_chats": True,
                "can_restrict_members": True,
                "can_promote_members": False,
                "can_change_info": True,
                "can_invite_users": True,
                "can_post_stories": False,
                "can_edit_stories": False,
                "can_delete_stories": False,
            }
        )
    elif status == "kicked":
        member["until_date"] = 0
    return member


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    params: dict[str, Any] = {}
    files: dict[str, UploadedFile] = {}
    raw: dict[str, str] = dict(request.query)
    if request.content_type == "application/json":
        body = await request.json()
        params.update(body if isinstance(body, dict) else {})
    elif request.body_exists:
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                files[name] = UploadedFile(value.filename, value.content_type, value.file.read())
            else:
                raw[name] = str(value)
    for name, value in raw.items():
        params[name] = _decode(name, value)
    return params, files


def _decode(name: str, value: str) -> Any:
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value
