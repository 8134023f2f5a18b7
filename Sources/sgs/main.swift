// sgs: single-image GANs you can talk to. The executable is a thin client of the
// Script module, as lua.c is of Lua: parse the command line, then run or converse.
import Glibc

if let refusal = CPUCheck.refusal() {
    Terminal.writeError(refusal + "\n")
    exit(1)
}
exit(Launcher(arguments: Array(CommandLine.arguments.dropFirst())).run())
