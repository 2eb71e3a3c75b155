"""Fair processing of the inbox: per-chat queues served round-robin by a few workers.

Work is loaded from the database in bounded batches (at most ``per_chat`` updates of one chat
at a time, ``batch`` in all), so a backlog of any size stays on disk. Each worker takes the
chat that has waited longest, handles one update of it, and puts the chat back at the end of
the line: one chat's flood delays another chat by at most one round. One chat is never
handled by two workers at once, so its replies keep their order.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable

from bot.storage.inbox import Inbox, InboxItem

logger = logging.getLogger(__name__)

MAINTENANCE_SECONDS = 10.0


class Dispatcher:
    """Claim updates from ``inbox`` and hand each to ``handle``, fairly across chats."""

    def __init__(
        self,
        inbox: Inbox,
        handle: Callable[[InboxItem], Awaitable[None]],
        *,
        workers: int = 8,
        per_chat: int = 4,
        batch: int = 256,
        maintenance: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.inbox = inbox
        self.handle = handle
        self.workers = workers
        self.per_chat = per_chat
        self.batch = batch
        self.maintenance = maintenance
        self._queues: dict[int, deque[InboxItem]] = {}
        self._ready: deque[int] = deque()
        self._busy: set[int] = set()
        self._loaded = 0
        self._wake = asyncio.Event()
        self._work = asyncio.Condition()
        self._stopping = False
        self._tasks: list[asyncio.Task[None]] = []
        self._in_flight: set[int] = set()

    def wake(self) -> None:
        """New updates were stored: look for work now."""
        self._wake.set()

    @property
    def started(self) -> bool:
        return bool(self._tasks)

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._load_loop(), name="inbox-loader")]
        self._tasks += [
            asyncio.create_task(self._worker(), name=f"inbox-worker-{n}")
            for n in range(self.workers)
        ]

    async def stop(self, grace: float) -> None:
        """Take no new work; let replies in flight finish for up to ``grace`` seconds; hand
        everything else back to the inbox for the next start."""
        self._stopping = True
        async with self._work:
            self._work.notify_all()
        workers = self._tasks[1:]
        self._tasks[0].cancel()
        _, late = await asyncio.wait(workers, timeout=grace) if workers else (set(), set())
        for task in late:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if late:
            logger.warning(
                "%d replies still in flight at shutdown: left for the next start", len(late)
            )
        released = await asyncio.to_thread(self.inbox.release)
        if released:
            logger.info("%d updates left in the inbox for the next start", released)

    # --- loading ---------------------------------------------------------------------------

    async def _load_loop(self) -> None:
        loop = asyncio.get_running_loop()
        next_maintenance = loop.time()
        while not self._stopping:
            if loop.time() >= next_maintenance:
                next_maintenance = loop.time() + MAINTENANCE_SECONDS
                await self._maintain()
            self._wake.clear()
            room = self.batch - self._loaded
            claimed: list[InboxItem] = []
            if room > self.batch // 2:
                try:
                    claimed = await asyncio.to_thread(
                        self.inbox.claim, limit=room, per_chat=self.per_chat
                    )
                except Exception:
                    logger.exception("could not read the inbox; retrying")
                    await asyncio.sleep(1.0)
                    continue
            if claimed:
                await self._enqueue(claimed)
            if len(claimed) == room:
                continue  # more may be waiting
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), MAINTENANCE_SECONDS)

    async def _maintain(self) -> None:
        try:
            await asyncio.to_thread(self.inbox.renew)
            await asyncio.to_thread(self.inbox.recover)
            await asyncio.to_thread(self.inbox.prune)
            if self.maintenance is not None:
                await self.maintenance()
        except Exception:
            logger.exception("inbox maintenance failed")

    async def _enqueue(self, items: list[InboxItem]) -> None:
        async with self._work:
            for item in items:
                queue = self._queues.get(item.chat_key)
                if queue is None:
                    queue = self._queues[item.chat_key] = deque()
                    if item.chat_key not in self._busy:
                        self._ready.append(item.chat_key)
                queue.append(item)
                self._loaded += 1
            self._work.notify_all()

    # --- working ---------------------------------------------------------------------------

    async def _next(self) -> InboxItem | None:
        async with self._work:
            await self._work.wait_for(lambda: self._stopping or bool(self._ready))
            if self._stopping:
                return None
            chat = self._ready.popleft()
            self._busy.add(chat)
            return self._queues[chat].popleft()

    async def _finished(self, item: InboxItem) -> None:
        async with self._work:
            self._loaded -= 1
            self._busy.discard(item.chat_key)
            queue = self._queues.get(item.chat_key)
            if queue:
                self._ready.append(item.chat_key)
                self._work.notify()
            else:
                self._queues.pop(item.chat_key, None)
        if self._loaded <= self.batch // 2:
            self._wake.set()

    async def _handle_once(self, item: InboxItem) -> None:
        """Handle ``item`` and mark it done. Handler errors are already answered by the
        application's error handler; what reaches here (an update that cannot even be read)
        is logged and dropped rather than retried forever."""
        try:
            await self.handle(item)
        except Exception:
            logger.exception("update_id=%s could not be handled; dropped", item.update_id)
        try:
            await asyncio.to_thread(self.inbox.done, item.update_id)
        except Exception:
            logger.exception(
                "update_id=%s not marked done: it may be answered again", item.update_id
            )

    async def _worker(self) -> None:
        while True:
            item = await self._next()
            if item is None:
                return
            try:
                await self._handle_once(item)
            finally:
                await self._finished(item)
