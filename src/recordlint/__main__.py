from recordlint.cli import entry

entry()
