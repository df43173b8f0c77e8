# The app imports some of its own modules lazily (softphone.sip's lazy exports, the quality
# monitor) and Alembic loads migration revisions by file path: ship every module, and the
# migrations folder as data too (script.py.mako, alembic.ini and the revision .py files).
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

hiddenimports = collect_submodules("softphone")
datas = collect_data_files(
    "softphone.storage.migrations", include_py_files=True, excludes=["**/__pycache__"]
)
