"""xladdin: 预算绩效目标表 validation and filling, an Excel add-in with a Python core."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("xladdin")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"
