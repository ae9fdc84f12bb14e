"""Analysis of navsim outputs: tables, plots and reports (functions of DataFrames)."""
