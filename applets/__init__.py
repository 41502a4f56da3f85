"""pybox applets, one module each, in folders like BusyBox's tree."""
