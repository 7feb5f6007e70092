"""The year file (`tdkt-year/1`) against the database: import (importer.py, writing the records in writer.py), export (exporter.py, whose
`year_document` the year-end screens and `flask year assess` share) and the `flask year …` commands (cli.py).
What a valid file is lives in app/domain/year_file.py."""
