// libedit through its readline-compatible API (Debian: libedit-dev).
#include <stdio.h>
#include <locale.h>
#include <editline/readline.h>
