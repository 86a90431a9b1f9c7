"""The money and people records (支持记录): the workbook form, its import through the statistics
pipeline, and the demo's records at the published documents' counts."""
