"""jdiplo: plain-text records of Japan's diplomatic and defence relations."""

__version__ = "0.1.0"
