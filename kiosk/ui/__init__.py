"""Widgets and screens: thin views over the content model."""
