"""The kiosk's own words (Home, Keep reading, ...) in the patient's language.

``catalog`` reads the shipped translation sources without Qt (for ``kiosk
check``); ``words`` serves the words to Qt's translation system; ``update``
regenerates the sources and the compiled files after a wording change.
"""
