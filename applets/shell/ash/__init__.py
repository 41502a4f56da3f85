"""sh, ash: a POSIX shell in the manner of BusyBox ash and dash.

A package of modules with one concern each: lexer (bytes to tokens, words
kept in quoted/unquoted parts), parser and ast (the POSIX grammar), expand
(word expansion), arith ($((...))), pattern (case, ${x%p}, globbing),
evaluate (running the tree) and builtins.  Only this module is imported to
dispatch; main() loads the rest.

Fast because pybox applets never start a new interpreter: the short ones
marked safe in the registry (echo, printf, test ...) run in the shell's own
process, the others in a forked child of this warm interpreter, which calls
the applet's main directly.  In a script the stream filters (cat, grep, wc
... evaluate's _TAIL_FILTERS) run in the shell's process too, as plain
commands, as a lone $(...) (into a memory file) and as a pipeline's last
stage; `echo x | cat | wc -l` forks nothing: stages known to write less
than a pipe holds run one after the other (evaluate's pipeline_plan).  A
child's lone command is the child itself (exec'd or called), never one
more fork.  A loop body's words, assignments and $((...)) are analysed
once and cached on the syntax tree; test's short forms and read from a
regular file (in blocks, the offset put back) have fast paths.  Applets are
found before PATH when PATH leads to pybox itself or in standalone mode
(PYBOX_STANDALONE=1).

Not yet built (a later issue): job control (`jobs`,
`fg`, `bg`, `%N` job specs, the Terminated/Killed notices; `set -m` and
`-b` are accepted and do nothing), line editing and history; a script is
read whole before it runs (a terminal line by line).  In a UTF-8 locale
(the first of LC_ALL, LC_CTYPE, LANG that is set names one) ${#x},
${x:off:len}, `?` and [...] in patterns and read -n work on characters, as
in bash (an invalid byte is one); bytes otherwise.  `type` and `command
-v` name an applet the shell runs itself as BusyBox does (`cat is cat`).
Where ash and dash differ it follows ash: echo does not interpret
backslashes, xtrace quotes arguments, `. file args` sets the positional
parameters, `$((i++))` and `;&` work.
"""
from multicall.options import Spec, opt

SPEC = Spec(("[-abCefhimnuvx] [-o OPTION] [-c STRING [NAME [ARG]...] | -s [ARG]... | FILE [ARG]...]",),
            "Run shell commands from STRING (-c), standard input (-s or no FILE) or FILE.",
            opt("-c", "read commands from the first operand; the next is $0"),
            opt("-s", "read commands from standard input; operands are $1..."),
            opt("-i", "interactive: prompts, $ENV, errors do not end the shell"),
            opt("-e", "exit when a command fails (set -e)"),
            opt("-f", "no pathname expansion"),
            opt("-u", "an unset parameter is an error"),
            opt("-x", "trace commands to standard error"),
            opt("-v", "echo input lines to standard error"),
            opt("-n", "read commands, do not run them"),
            opt("-a", "export every variable assigned"),
            opt("-C", "> does not overwrite files"),
            opt("-o", "set the named option (errexit, pipefail, ...)"),
            epilog="Standalone mode (applets before PATH): PYBOX_STANDALONE=1.")


def main(argv):
    from applets.shell.ash.cli import run
    return run(argv)
