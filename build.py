#!/usr/bin/env python3
"""Dateline's entry point: python build.py build|serve|check|new|timex (see --help)."""

import sys

if __name__ == "__main__":
    from dateline.cli import main

    sys.exit(main())
