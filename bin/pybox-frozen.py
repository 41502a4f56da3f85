# Entry point of the PyInstaller builds made by bin/build-frozen.  Every
# module is inside the archive, so unlike bin/pybox there is no sys.path to
# set up.
from multicall.main import main

main()
