"""Extraction on a Dask cluster, over partitions of JSONL archives (the `claimcheck[dask]` extra).

    claimcheck extract archive.jsonl --scheduler local -o claims.jsonl      # a local cluster
    claimcheck extract archive.jsonl --scheduler tcp://10.0.0.5:8786 -o claims.jsonl
    claimcheck check --claims claims.jsonl                                   # the rules stage

The client splits each JSONL file into byte ranges that end on line boundaries (one scan, no
parsing); each task reads its range, parses the records, extracts their claims and returns them.
Records keep the ids a serial run gives them (`PATH:LINE` when a record has none), and results are
put back in file and line order, so the output is the same as `claimcheck extract` without Dask.
Other inputs (text, HTML, JSON files) are read on the client and sent to the workers in chunks.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .ingest import JSONL_SUFFIXES, iter_inputs, walk
from .models import Article, Claim, Extraction, Skipped

PARTITION_BYTES = 8_000_000


def _partitions(path: Path, size: int = PARTITION_BYTES) -> list[tuple[int, int, int]] | None:
    """(start byte, end byte, first line number) ranges covering `path`, cut after line feeds.

    None when the file is not plain UTF-8 (a byte-order mark, or bytes that do not decode): such a
    file is read on the client, through the same decoding as a serial run.
    """
    total = path.stat().st_size
    parts: list[tuple[int, int, int]] = []
    start, line = 0, 1
    with path.open("rb") as fh:
        if fh.read(4).startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00\x00\xfe\xff")):
            return None  # a byte-order mark: UTF-16, UTF-32 or UTF-8 with BOM
        while start < total:
            end = min(total, start + size)
            if end < total:
                fh.seek(end)
                rest = fh.readline()
                end += len(rest)
            fh.seek(start)
            chunk = fh.read(end - start)
            try:
                chunk.decode("utf-8")
            except UnicodeDecodeError:
                return None
            parts.append((start, end, line))
            line += chunk.count(b"\n")
            start = end
    return parts


def _extract_range(label: str, fs_path: str, start: int, end: int, first_line: int,
                   lang: str | None, rules_dirs: tuple[str, ...]) -> tuple[list[dict], list[dict], list[dict]]:
    """Worker task: the articles, claims and skipped records of one byte range of a JSONL file."""
    from .ingest import records_jsonl
    from .pipeline import extract_article, extraction_failure
    from .registry import load_registry

    registry = load_registry(rules_dirs)
    with open(fs_path, "rb") as fh:
        fh.seek(start)
        data = fh.read(end - start)
    arts: list[dict] = []
    claims: list[dict] = []
    skipped: list[dict] = []
    # the same record parsing as a serial run, numbered from this range's first line
    for item in records_jsonl(data.decode("utf-8"), label, label, lang, first_line=first_line):
        if isinstance(item, Skipped):
            skipped.append(item.model_dump())
            continue
        try:
            found = extract_article(item, registry)
        except Exception as exc:  # noqa: BLE001 - one bad record must not sink the partition
            skipped.append(extraction_failure(item, exc).model_dump())
            continue
        arts.append(item.model_dump(mode="json"))
        claims += [c.model_dump(mode="json") for c in found]
    return arts, claims, skipped


def _extract_articles(articles: list[dict], texts: list[str], rules_dirs: tuple[str, ...]
                      ) -> tuple[list[dict], list[dict], list[dict]]:
    """Worker task: claims of articles read on the client (text files, HTML, JSON)."""
    from .pipeline import extract_article, extraction_failure
    from .registry import load_registry

    registry = load_registry(rules_dirs)
    out_a: list[dict] = []
    out_c: list[dict] = []
    skipped: list[dict] = []
    for meta, text in zip(articles, texts, strict=True):
        art = Article.model_validate({**meta, "text": text})
        try:
            found = extract_article(art, registry)
        except Exception as exc:  # noqa: BLE001
            skipped.append(extraction_failure(art, exc).model_dump())
            continue
        out_a.append(art.model_dump(mode="json"))
        out_c += [c.model_dump(mode="json") for c in found]
    return out_a, out_c, skipped


def _client(scheduler: str):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise RuntimeError("the Dask path needs the extra: pip install 'claimcheck[dask]'") from exc
    if scheduler in ("local", "local:"):
        cluster = LocalCluster(n_workers=max(1, min(4, os.cpu_count() or 1)), threads_per_worker=1,
                               processes=True, host="127.0.0.1", dashboard_address=None)
        return Client(cluster), cluster
    return Client(scheduler), None


def extract_distributed(paths: Sequence[str], *, scheduler: str, lang: str | None = None,
                        rules_dirs: Sequence[str] = (), partition_bytes: int = PARTITION_BYTES,
                        client=None) -> Extraction:
    """Extract a batch on a Dask cluster; the same Extraction a serial run gives."""
    dirs = tuple(str(Path(d).resolve()) for d in rules_dirs)
    own_client, cluster = (client, None) if client is not None else _client(scheduler)
    try:
        tasks = []  # futures, in output order
        pending_arts: list[dict] = []
        pending_texts: list[str] = []
        skipped_client: list[tuple[int, Skipped]] = []

        def flush() -> None:
            if pending_arts:
                tasks.append(own_client.submit(_extract_articles, list(pending_arts), list(pending_texts),
                                               dirs, pure=False))
                pending_arts.clear()
                pending_texts.clear()

        def jsonl_file(label: str, fs: Path) -> None:
            parts = _partitions(fs, partition_bytes)
            if parts is None:  # not plain UTF-8: decode on the client like a serial run
                for item in iter_inputs([label], lang):
                    _queue(item, pending_arts, pending_texts, skipped_client, len(tasks))
                return
            flush()
            for start, end, first in parts:
                tasks.append(own_client.submit(_extract_range, label, str(fs.resolve()), start, end, first,
                                               lang, dirs, pure=False))

        for given in paths:
            p = Path(given)
            if given != "-" and p.is_file() and p.suffix.lower() in JSONL_SUFFIXES:
                jsonl_file(given, p)
                continue
            if given != "-" and p.is_dir():
                for f in walk(p):
                    label = os.path.join(given, os.path.relpath(f, p))
                    if f.suffix.lower() in JSONL_SUFFIXES:
                        jsonl_file(label, f)
                    else:
                        for item in iter_inputs([label], lang):
                            _queue(item, pending_arts, pending_texts, skipped_client, len(tasks))
                            if len(pending_arts) >= 64:
                                flush()
                continue
            for item in iter_inputs([given], lang):
                _queue(item, pending_arts, pending_texts, skipped_client, len(tasks))
                if len(pending_arts) >= 64:
                    flush()
        flush()
        results = own_client.gather(tasks)
    finally:
        if client is None:
            own_client.close()
            if cluster is not None:
                cluster.close()
    articles: list[Article] = []
    claims: list[Claim] = []
    skipped: list[Skipped] = []
    by_task: dict[int, list[Skipped]] = {}
    for idx, s in skipped_client:
        by_task.setdefault(idx, []).append(s)
    for i, (arts, cls, sk) in enumerate(results):
        skipped += by_task.pop(i, [])
        articles += [Article.model_validate(a) for a in arts]
        claims += [Claim.model_validate(c) for c in cls]
        skipped += [Skipped.model_validate(s) for s in sk]
    for rest in by_task.values():
        skipped += rest
    return Extraction(articles=articles, claims=claims, skipped=skipped)


def _queue(item: Article | Skipped, arts: list[dict], texts: list[str],
           skipped: list[tuple[int, Skipped]], task_index: int) -> None:
    if isinstance(item, Skipped):
        skipped.append((task_index, item))
    else:
        arts.append(item.model_dump(mode="json"))
        texts.append(item.text)
