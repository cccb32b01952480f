"""The kiosk's state in Prometheus's text format, for node_exporter's textfile collector."""
