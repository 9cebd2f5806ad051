"""Storage: the only package that touches TinyDB and the file system."""

from .atomic import DiaryDamaged, FsOps, write_private
from .diary import SCHEMA, DiaryTooNew, Store, StoreBusy, StoreError, StoreWriteFailed, today
from .paths import default_db_path, resolve_db_path

__all__ = [
    "SCHEMA",
    "DiaryDamaged",
    "DiaryTooNew",
    "FsOps",
    "Store",
    "StoreBusy",
    "StoreError",
    "StoreWriteFailed",
    "default_db_path",
    "resolve_db_path",
    "today",
    "write_private",
]
