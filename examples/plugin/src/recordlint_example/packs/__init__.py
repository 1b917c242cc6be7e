"""The folder of this package holds the plugin's YAML rule packs (entry point `recordlint.rules`)."""
