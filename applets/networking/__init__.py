"""The networking applets (hostname, ...), as BusyBox files them."""
