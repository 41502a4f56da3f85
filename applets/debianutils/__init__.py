"""The debianutils applets (which, mktemp, ...), as BusyBox files them."""
