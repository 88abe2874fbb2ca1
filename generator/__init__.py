"""XC Clearinghouse: records → validated catalog → coordination analysis → static site."""

__version__ = "0.1.0"
