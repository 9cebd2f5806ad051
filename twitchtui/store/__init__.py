"""Storage: the only package that touches TinyDB and the file system."""

from .atomic import FileSystem, not_a_file, read_user_file, write_private
from .errors import (
    DeviceNameTaken,
    DiaryDamaged,
    DiaryReadOnly,
    DiaryTooNew,
    NotADiaryPath,
    StoreBusy,
    StoreError,
    StoreWriteFailed,
)
from .paths import default_db_path, diary_target, resolve_db_path
from .store import SCHEMA, Store, today
from .sync import SyncReport

__all__ = [
    "SCHEMA",
    "DeviceNameTaken",
    "DiaryDamaged",
    "DiaryReadOnly",
    "DiaryTooNew",
    "FileSystem",
    "NotADiaryPath",
    "Store",
    "StoreBusy",
    "StoreError",
    "StoreWriteFailed",
    "SyncReport",
    "default_db_path",
    "diary_target",
    "not_a_file",
    "read_user_file",
    "resolve_db_path",
    "today",
    "write_private",
]
