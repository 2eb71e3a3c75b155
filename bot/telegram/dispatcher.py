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
        self._done_ids: list[tuple[int, asyncio.Future[None]]] = []
        self._done_waiting = asyncio.Event()
        self._done_task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        """New updates were stored: look for work now (in the loader's task)."""
        self._wake.set()

    async def load_now(self) -> None:
        """New updates were stored: claim and queue them right away, in the caller's task
        (polling calls this before its next ``getUpdates``, sparing a reply the loader's
        wake-up latency)."""
        room = self.batch - self._loaded
        if self._stopping or room <= self.batch // 2:
            self.wake()
            return
        try:
            claimed = await asyncio.to_thread(self.inbox.claim, limit=room, per_chat=self.per_chat)
        except Exception:
            logger.exception("could not read the inbox; the loader will retry")
            claimed = []
        if claimed:
            await self._enqueue(claimed)
        if len(claimed) < room:
            return
        self.wake()  # there may be more

    @property
    def loaded(self) -> int:
        """Updates held in memory: queued or being handled."""
        return self._loaded

    @property
    def started(self) -> bool:
        return bool(self._tasks)

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._load_loop(), name="inbox-loader")]
        self._tasks += [
            asyncio.create_task(self._worker(), name=f"inbox-worker-{n}")
            for n in range(self.workers)
        ]
        self._done_task = asyncio.create_task(self._done_loop(), name="inbox-done")

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
        await self._write_done()  # marks of replies that finished as the workers stopped
        if self._done_task is not None:
            self._done_task.cancel()
            await asyncio.gather(self._done_task, return_exceptions=True)
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
            if claimed and len(claimed) == room:
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
        written = asyncio.get_running_loop().create_future()
        self._done_ids.append((item.update_id, written))
        self._done_waiting.set()
        await written  # a worker takes no new update before this one is marked done

    # --- marking done ----------------------------------------------------------------------

    async def _done_loop(self) -> None:
        """Write done marks as they come; those arriving while one write runs go together in
        the next (one transaction for many under load, no added delay when quiet). Each
        worker waits for its mark, so at most ``workers`` answered updates are ever unmarked:
        all a crash can make us answer twice."""
        while True:
            await self._done_waiting.wait()
            self._done_waiting.clear()
            await self._write_done()

    async def _write_done(self) -> None:
        batch, self._done_ids = self._done_ids, []
        if not batch:
            return
        try:
            await asyncio.to_thread(self.inbox.done, *(update_id for update_id, _ in batch))
        except Exception:
            logger.exception("%d updates not marked done: they may be answered again", len(batch))
        finally:
            for _, written in batch:
                if not written.done():
                    written.set_result(None)

    async def _worker(self) -> None:
        while True:
            item = await self._next()
            if item is None:
                return
            try:
                await self._handle_once(item)
            finally:
                await self._finished(item)
