"""An example recordlint plugin: the `example` rule pack and the `long-sentence` check kind."""

__version__ = "0.1.0"
