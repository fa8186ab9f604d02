"""Exchange packages (.wbpack) between mentee and mentor, and the sync folder."""
