"""Process tools, as in BusyBox's procps/ folder (kill, ...)."""
