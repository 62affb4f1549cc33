"""Writing records: the only code that changes record files (add, fmt, edit, init).

Every write goes through `files.write_files` (atomic, under the records lock); `style` is the
canonical layout of an event, `document` the layout of a file's text around its events.
"""
