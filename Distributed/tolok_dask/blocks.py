"""Blocks of an input file: what each Dask task reads for itself.

A CSV file is cut into byte ranges that end at line ends (the header line is kept apart and
written before each block); a Parquet file into its row groups. Only these descriptions —
a path and two offsets, or a path and row-group numbers — travel through the scheduler; every
task reads its own block from the shared filesystem.

A CSV block boundary is placed after the first newline at or after the nominal offset, so a CSV
whose quoted fields contain newlines cannot be cut this way (the same limit as
``dask.dataframe.read_csv``). A block that starts inside such a field does not go unnoticed:
Tolok then refuses the block (a row with the wrong number of fields, or an unclosed quote),
naming the block's file and line, and the run stops.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import List, Optional, Sequence


@dataclass(frozen=True)
class Block:
    """One block of the input: ``index`` (its order), and where its rows are."""

    index: int
    path: str
    kind: str  # "csv" or "parquet"
    start: int = 0  # CSV: first byte of the block (after the header)
    end: int = 0  # CSV: one past its last byte (a line end, or the end of the file)
    row_groups: Sequence[int] = ()  # Parquet
    rows: Optional[int] = None  # known in advance for Parquet; counted for CSV


def csv_header(path: str) -> bytes:
    """The first line of the file, with its line end (LF or CRLF)."""
    with open(path, "rb") as f:
        header = f.readline()
    if not header.strip():
        raise ValueError(f"{path}: the first line (the header) is empty")
    if not header.endswith(b"\n"):
        header += b"\n"
    return header


def csv_blocks(path: str, block_bytes: int) -> List[Block]:
    """Byte ranges of about ``block_bytes`` each, every one ending at a line end."""
    if block_bytes <= 0:
        raise ValueError("block_bytes must be positive")
    size = os.path.getsize(path)
    blocks: List[Block] = []
    with open(path, "rb") as f:
        f.readline()
        pos = f.tell()
        while pos < size:
            end = pos + block_bytes
            if end >= size:
                end = size
            else:
                f.seek(end - 1)
                f.readline()  # through the newline at or after end - 1
                end = f.tell()
            blocks.append(Block(index=len(blocks), path=path, kind="csv", start=pos, end=end))
            pos = end
    return blocks


def parquet_blocks(path: str, row_groups_per_block: int = 1) -> List[Block]:
    """Consecutive row groups of a Parquet file (pyarrow's metadata gives their row counts)."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    blocks: List[Block] = []
    for g0 in range(0, meta.num_row_groups, row_groups_per_block):
        groups = list(range(g0, min(g0 + row_groups_per_block, meta.num_row_groups)))
        rows = sum(meta.row_group(g).num_rows for g in groups)
        blocks.append(Block(index=len(blocks), path=path, kind="parquet", row_groups=tuple(groups), rows=rows))
    return blocks


def write_block_csv(block: Block, header: Optional[bytes], columns: Sequence[str], target: str) -> None:
    """Writes the block as a CSV file Tolok reads: the header, then the block's rows.

    CSV: the bytes of the range, unchanged. Parquet: the named columns of the row groups, with
    every float written in its shortest round-trip form (pandas' default), so that Tolok reads
    exactly the doubles pyarrow holds.
    """
    if block.kind == "csv":
        assert header is not None
        with open(block.path, "rb") as src, open(target, "wb") as out:
            out.write(header)
            src.seek(block.start)
            remaining = block.end - block.start
            while remaining > 0:
                chunk = src.read(min(remaining, 1 << 24))
                if not chunk:
                    raise IOError(f"{block.path}: file shorter than expected (block {block.index})")
                out.write(chunk)
                remaining -= len(chunk)
    else:
        import pyarrow.parquet as pq

        table = pq.ParquetFile(block.path).read_row_groups(list(block.row_groups), columns=list(columns))
        table.to_pandas().to_csv(target, index=False)
