"""Atomic file writing: a temporary file in the same directory, then a rename.

A reader (or a resumed run) never sees half a file: a file is either absent, the old
one, or complete. A file that already holds the bytes to write is left untouched, so
re-running a finished job rewrites nothing. Temporary files of an interrupted run end
in ``TMP_SUFFIX`` and are removed by ``remove_stale_tmp``. The temporary file is
fsynced before the rename and its directory after it, so a file that survives a
power cut under its final name holds its final bytes.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

TMP_SUFFIX = ".tmp"


def write_bytes_atomic(data: bytes, path: Path) -> bool:
    """Write ``data`` to ``path`` through a temporary file in the same directory and a rename.

    A file that already holds exactly these bytes is left untouched, so re-running a
    finished job rewrites nothing.

    Args:
        data: The file's content.
        path: Destination.

    Returns:
        True if the file was written, False if it already held these bytes.
    """
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    tmp = path.with_name(path.name + TMP_SUFFIX)
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    sync_directory(path.parent)
    return True


def sync_directory(directory: Path) -> None:
    """Flush a directory's entries (a rename into it) to disk, where the platform allows.

    Windows cannot open a directory for fsync, and some file systems refuse it; the
    rename then stays as durable as the platform makes it.

    Args:
        directory: The directory to sync.
    """
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def table_bytes(table: pa.Table) -> bytes:
    """An Arrow table as the bytes of a parquet file (zstd, no dictionary pages).

    Args:
        table: The table.

    Returns:
        The file's bytes, always the same for the same table.
    """
    buf = io.BytesIO()
    # zstd without dictionary pages: smaller and faster to write for these tables
    pq.write_table(table, buf, compression="zstd", use_dictionary=False)
    return buf.getvalue()


def write_table_atomic(table: pa.Table, path: Path) -> bool:
    """Write an Arrow table as parquet atomically (see ``write_bytes_atomic``).

    Args:
        table: The table.
        path: Destination ``*.parquet``.

    Returns:
        True if the file was written, False if it already held these bytes.
    """
    return write_bytes_atomic(table_bytes(table), path)


def write_atomic(df: pd.DataFrame, path: Path) -> bool:
    """``write_table_atomic`` for a DataFrame (its index is not stored)."""
    return write_table_atomic(pa.Table.from_pandas(df, preserve_index=False), path)


def remove_stale_tmp(root: Path, patterns: tuple[str, ...] = ("", "rep_*")) -> int:
    """Delete temporary files left by an interrupted run in ``root`` and its run directories.

    Only the directories the runner writes are searched (``root`` itself and those
    matching ``patterns`` below it), never a whole tree: ``root`` may be a directory
    the user also keeps other files in.

    Args:
        root: A run, job or design directory.
        patterns: Glob patterns of sub-directories, relative to ``root`` ("" = itself).

    Returns:
        The number of files removed.
    """
    n = 0
    for pattern in patterns:
        for tmp in root.glob(f"{pattern}/*{TMP_SUFFIX}" if pattern else f"*{TMP_SUFFIX}"):
            if tmp.is_file():
                tmp.unlink(missing_ok=True)
                n += 1
    return n
