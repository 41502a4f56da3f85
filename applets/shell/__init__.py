"""BusyBox's shell/ folder: the ash shell (sh, ash)."""
