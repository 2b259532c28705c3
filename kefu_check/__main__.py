"""`python -m kefu_check …`: the same command line as the `kefu-check` console script."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    main()
