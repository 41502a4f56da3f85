"""find, xargs and grep."""
