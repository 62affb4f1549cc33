"""The index: a derived SQLite database of validated events, one per records directory.

The YAML files stay the single source of truth; the index is derived, disposable and
invisible. It lives in the user's cache folder (`$JDIPLO_CACHE_DIR`, else
`$XDG_CACHE_HOME/jdiplo`, else `~/.cache/jdiplo`), never among the records, or in memory for
one command. Its tables are documented in docs/index.md, for `jdiplo sql`.

    database.py   the connection: opening, integrity, storing a file's rows, answering queries
    schema.py     the tables, and the rows of a valid record file
    freshness.py  whether a file is as it was when read (size, times, inode, device, digest)
    reading.py    record files -> problems and rows, in parallel: the one reading pipeline
    refresh.py    bringing an index up to date with the files (on disk or in memory)
"""
