"""Route modules: auth, filings (editor API), review, public portal, admin."""
