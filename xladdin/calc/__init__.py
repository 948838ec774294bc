"""LibreOffice Calc face: the Excel functions of :mod:`xladdin.excel.udfs` as a Calc add-in (an .oxt extension).

* :mod:`xladdin.calc.functions` — what Calc is told about each function (names, arguments, French help), read
  from the UDFs' own description, so nothing is written twice.
* :mod:`xladdin.calc.idl` — the UNO interface of the add-in, generated from that description; its compiled
  type library ``xladdin.rdb`` ships in the package (``scripts/make_calc_rdb.py`` regenerates both).
* :mod:`xladdin.calc.component` — the UNO component that runs in LibreOffice's own Python (text copied into the
  extension, never imported by the project's Python).
* :mod:`xladdin.calc.host` — what the component calls: Calc's arguments in, the UDF called, cells out.
* :mod:`xladdin.calc.extension` — ``xladdin calc build`` / ``xladdin calc install``.
"""
