"""Anonymous usage statistics: what patients used, never who they are.

Plain Python, no Qt. :mod:`kiosk.stats.database` holds the schema; what is
stored, and why it is private, is described in the README ("Usage
statistics").
"""
