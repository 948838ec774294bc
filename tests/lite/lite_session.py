"""Run inside a fresh venv holding only xladdin's base install, with a stand-in ``xlwings`` on ``sys.path``.

Imports ``xladdin.excel.lite`` the way an xlwings Lite ``main.py`` does, calls the registered functions with
cells shaped as Lite passes them (2-D lists, numbers as floats, empty cells as None) and prints the answers and
the registrations as JSON. ``argv[1]``: the applicant CSV.
"""

import csv
import json
import sys


def cells(path: str) -> list[list]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    return [rows[0]] + [[cell_value(v) for v in row] for row in rows[1:]]


def cell_value(text: str):
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        return text


def main() -> dict:
    import xlwings  # the stand-in: records what xladdin registers

    from xladdin.excel import lite

    grid = cells(sys.argv[1])
    header, rows = grid[0], grid[1:]
    fn = xlwings.REGISTERED
    answers = {
        "registered": {name: {"args": [a for a in spec["args"]], "docs": spec["docs"], "help": spec["help"],
                              "ret": spec["ret"]} for name, spec in fn.items()},
        "exported": sorted(lite.__all__),
        "bursary": [fn["bursary"]["f"]([header, row])[0][0] for row in rows],
        "bursary_headers": [fn["bursary"]["f"](row, "GE-2025", header)[0][0] for row in rows[:5]],
        "eligibility": [fn["eligibility"]["f"]([header, row])[0] for row in rows],
        "entitlement": [fn["entitlement_semesters"]["f"]([header, row])[0][0] for row in rows],
        "bursary_row": [fn["bursary_row"]["f"]([header, row])[0] for row in rows[:20]],
        "table": fn["bursary_table"]["f"](grid, "GE-2025", "key"),
        "loan_plan": fn["loan_plan"]["f"](12000.0, 2027.0),
        "weighted_average": fn["weighted_average"]["f"]([[12.0, 15.0, None]], [[5.0, 10.0, 3.0]]),
        "credits_acquired": fn["credits_acquired"]["f"]([[12.0, 8.0, "abs"]], [[5.0, 10.0, 3.0]]),
        "bad": fn["bursary"]["f"]([header, [("pas une date" if h == "birth_date" else v)
                                            for h, v in zip(header, rows[0])]])[0][0],
        "optional_modules": sorted(m for m in sys.modules
                                   if m.split(".")[0] in {"typer", "click", "rich", "fastapi", "uvicorn",
                                                          "python_calamine", "xlsxwriter", "starlette"}),
    }
    return answers


if __name__ == "__main__":
    print(json.dumps(main(), default=str))
