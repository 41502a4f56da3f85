"""sed: the stream editor (GNU sed 4.9), in modules by concern:
parse (the script), codegen (compiled program), replace (s///),
runtime (input, outputs), inplace (-i), fast (whole-chunk paths),
debug (--debug), cli (options and main)."""
