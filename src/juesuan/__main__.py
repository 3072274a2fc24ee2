"""``python -m juesuan``: the same command line as the ``juesuan`` script."""

from juesuan.cli import main

main()
