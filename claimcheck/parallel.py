"""Parallel extraction over worker processes (`--jobs N`), with output identical to `--jobs 1`.

Articles are split into contiguous chunks, extracted in worker processes, and the claims are put
back in the articles' order, so the result does not depend on the number of workers or on which
finishes first. Each worker loads the same rules folders as the parent.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from .models import Article, Claim, Skipped
from .registry import Registry, load_registry

_WORKER_REGISTRY: Registry | None = None


def _init_worker(extra_dirs: tuple[str, ...]) -> None:
    global _WORKER_REGISTRY
    if _WORKER_REGISTRY is None:  # not inherited through fork: load the same folders
        _WORKER_REGISTRY = load_registry(extra_dirs)


def _extract_chunk(chunk: list[Article]) -> tuple[list[tuple[str, list[Claim]]], list[Skipped], list[str]]:
    from .pipeline import extract_article, extraction_failure

    out: list[tuple[str, list[Claim]]] = []
    failed: list[Skipped] = []
    messages: list[str] = []
    for art in chunk:
        try:
            claims = extract_article(art, _WORKER_REGISTRY)
            out.append((art.model_dump_json(), claims))
        except Exception as exc:  # noqa: BLE001 - one bad article must not sink the batch
            failed.append(extraction_failure(art, exc))
            messages.append(failed[-1].message())
            out.append((art.model_dump_json(), []))
    return out, failed, messages


def _chunks(items: Sequence[Article], n: int) -> list[list[Article]]:
    size = max(1, min(64, -(-len(items) // (n * 4))))
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def extract_parallel(articles: Sequence[Article], registry: Registry, jobs: int,
                     warn: Callable[[str], None] | None = None,
                     progress: bool = False) -> tuple[list[Claim], list[Skipped]]:
    """Extract `articles` on `jobs` processes; claims in article order, as a serial run gives them."""
    ctx = mp.get_context("fork") if sys.platform.startswith("linux") else mp.get_context()
    global _WORKER_REGISTRY
    builtin = load_registry().dirs
    extra_dirs = tuple(str(d) for d in registry.dirs if d not in builtin)
    _WORKER_REGISTRY = registry  # inherited by forked workers
    claims: list[Claim] = []
    failed: list[Skipped] = []
    jobs = max(1, min(jobs, os.cpu_count() or 1, len(articles)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                             initargs=(extra_dirs,)) as pool:
        from .reports.progress import BatchProgress

        chunks = _chunks(articles, jobs)
        results = pool.map(_extract_chunk, chunks)
        bar = BatchProgress(len(articles), "extracting", enabled=None if progress else False)
        with bar:
            for chunk, (done, fails, messages) in zip(chunks, results, strict=True):
                bar.advance(len(chunk))
                _collect(chunk, done, fails, messages, claims, failed, warn)
    return claims, failed


def _collect(chunk: list[Article], done: list[tuple[str, list[Claim]]], fails: list[Skipped], messages: list[str],
             claims: list[Claim], failed: list[Skipped], warn: Callable[[str], None] | None) -> None:
    """Put one chunk's results back: the parent's articles updated, claims and failures appended."""
    # articles' dates and flags are filled by extraction: copy them back to the parent's objects
    for art, (art_json, art_claims) in zip(chunk, done, strict=True):
        updated = Article.model_validate_json(art_json)
        for field in ("published", "published_source", "flags", "published_text", "lang"):
            setattr(art, field, getattr(updated, field))
        claims += art_claims
    failed += fails
    for m in messages:
        (warn or (lambda s: print(s, file=sys.stderr)))(m)
