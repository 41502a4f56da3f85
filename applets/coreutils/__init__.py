"""The GNU coreutils applets."""
