"""A progress bar on standard error for long batches: shown only on a terminal, only after a delay.

Use it around any loop over articles (or futures):

    from claimcheck.reports.progress import track
    for art in track(articles, description="extracting"):
        ...

or, when work completes elsewhere (worker processes, callbacks):

    with BatchProgress(total=len(articles), description="extracting") as bar:
        for result in as_completed(futures):
            bar.advance()

Nothing is printed when standard error is not a terminal, when `CLAIMCHECK_NO_PROGRESS` is set
or `TERM` is `dumb`, or when the batch ends within `delay` seconds (2 by default):
short runs and piped runs stay silent, and standard output is never touched.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import IO, TypeVar

T = TypeVar("T")
DEFAULT_DELAY = 2.0


def stream_wants_progress(stream: IO[str]) -> bool:
    """True when `stream` is an interactive terminal and progress is not switched off."""
    if os.environ.get("CLAIMCHECK_NO_PROGRESS") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class BatchProgress:
    """A context manager counting finished items; the bar appears once `delay` seconds have passed."""

    def __init__(self, total: int | None = None, description: str = "working", *,
                 delay: float = DEFAULT_DELAY, stream: IO[str] | None = None, enabled: bool | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.total = total
        self.description = description
        self.delay = delay
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = stream_wants_progress(self.stream) if enabled is None else enabled
        self.clock = clock
        self.done = 0
        self._t0 = 0.0
        self._bar = None
        self._task = None

    def __enter__(self) -> BatchProgress:
        self._t0 = self.clock()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def shown(self) -> bool:
        """Whether the bar has appeared."""
        return self._bar is not None

    def advance(self, n: int = 1) -> None:
        """Count `n` more finished items (and show the bar once the delay has passed)."""
        self.done += n
        if self._bar is None and self.enabled and self.clock() - self._t0 >= self.delay:
            self._start()
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done)

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        console = Console(file=self.stream, force_terminal=self.enabled, stderr=self.stream is sys.stderr)
        self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                             TimeRemainingColumn(), console=console, transient=True,
                             redirect_stdout=False)  # standard output carries the report: never touch it
        self._bar.start()
        self._task = self._bar.add_task(self.description, total=self.total, completed=self.done)

    def close(self) -> None:
        """Remove the bar (transient: the terminal is left as it was)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def track(items: Iterable[T], description: str = "working", *, total: int | None = None,
          delay: float = DEFAULT_DELAY, stream: IO[str] | None = None,
          enabled: bool | None = None) -> Iterator[T]:
    """Yield `items` unchanged, counting them on a delayed progress bar on standard error."""
    if total is None:
        try:
            total = len(items)  # type: ignore[arg-type]
        except TypeError:
            total = None
    with BatchProgress(total, description, delay=delay, stream=stream, enabled=enabled) as bar:
        for item in items:
            yield item
            bar.advance()
