"""Views of the households app, one module per page group (thin: access helper → form → service → redirect)."""
