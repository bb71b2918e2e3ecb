"""tolok_dask: Tolok's radial DEA on a Dask cluster (docs/DISTRIBUTED.md in the repository)."""
from .blocks import Block, csv_blocks, parquet_blocks
from .driver import DEASpec, RunResult, TolokError, concatenate_parts, run_dea

__all__ = ["Block", "csv_blocks", "parquet_blocks", "DEASpec", "RunResult", "TolokError", "run_dea", "concatenate_parts"]
__version__ = "0.1.0"
