// sgs executable: command line, REPL, progress display.
print("sgs")
