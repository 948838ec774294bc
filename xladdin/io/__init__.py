"""Reading and writing the files clerks exchange: CSV as Excel writes it, .xlsx/.xls/.ods, reports."""
