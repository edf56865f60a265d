"""Import and export of the directory: CSV, XLSX and HSDS JSON (coordinators)."""
