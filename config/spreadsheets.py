"""CSV files staff open in spreadsheets: candidate-supplied text must not become a formula."""


def csv_safe(value):
    """Neutralise spreadsheet formulas (CSV injection) in candidate-supplied text."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
