"""`kiosk proof`: a PDF of every text patients read, for a clinician to sign."""
