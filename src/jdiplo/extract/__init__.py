"""Article text -> candidate events, for an analyst to review (`jdiplo extract`).

The steps: `sentences` (paragraphs, sentences, spans of the text), `dates` (time expressions
resolved as precisely as written), `mentions` (partners, frameworks, places), `people` (names
with titles), `coding` (kind, level, domains, status, firsts, amounts), `candidates` (clauses
made into events, with what each field rests on), `output` (the record file, with a comment on
each field), `review` (the walk on a terminal). The rules are data: `data/extract.yaml`, extended
by a records directory's own `extract.yaml` (`rules`). Nothing here is imported by other
commands.
"""
