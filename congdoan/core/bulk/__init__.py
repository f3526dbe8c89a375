"""The bulk data layer every module's Excel import and export uses.

- ``cells``: cell parsers (text, identifiers read as text, dates in every form Excel gives them,
  yes/no, choices, phone, e-mail), each raising ``CellError`` with a Vietnamese message;
- ``columns``: ``Column``, one column of a module's template;
- ``sheet``: reading a sheet with python-calamine: which sheet, where the header row is, merged
  cells, parsing every cell, errors kept by row and column (``ErrorList``);
- ``report``: the validation report, the uploaded rows with every bad cell marked;
- ``xlsx``: streamed xlsx writing with the shared formats (header, text, dd/mm/yyyy);
- ``insert``: one bulk insert (and update): COPY on PostgreSQL, one executemany elsewhere;
- ``select``: the rows holding any of many values of a column (an import's match of the register),
  one array parameter a statement on PostgreSQL.

A module's import is then: its ``Column``s, ``read_table``, its own checks against its models
(errors on the rows), ``write_report`` when a row is bad, and ``bulk_insert`` plus
``audit.record_many`` in one transaction. See ``congdoan.members.importing`` for a complete one.
"""
