"""Platform shims: what differs between Linux and other Unixes, libcs and
Python versions.  Applets never test sys.platform; multicall calls here."""
