"""mzcheck: consistency checks for the figures in Chinese public reports.

The public surface is deliberately small:

- :func:`mzcheck.extract.extract_text` / :func:`mzcheck.engine.extract_paths` turn text
  into :class:`mzcheck.figures.Figure` values and a figures table;
- the ``mzcheck`` command line (:mod:`mzcheck.cli`).
"""

__version__ = "0.1.0"
