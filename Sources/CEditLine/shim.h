// libedit through its readline-compatible API (Debian: libedit-dev).
#include <stdio.h>
#include <locale.h>
#include <editline/readline.h>

// Setters for libedit's global variables: Swift sees C globals as shared mutable
// state (a concurrency error in Swift 6 mode), so the executable goes through these.

static inline void sgs_rl_set_completer(rl_completion_func_t *completer) {
    rl_attempted_completion_function = completer;
}

static inline void sgs_rl_set_completion_over(int over) {
    rl_attempted_completion_over = over;
}

static inline void sgs_rl_set_append_character(int character) {
    rl_completion_append_character = character;
}

static inline void sgs_rl_set_word_break_characters(const char *characters) {
    rl_basic_word_break_characters = characters;
}

static inline void sgs_rl_set_name(const char *name) {
    rl_readline_name = name;
}

static inline void sgs_rl_set_catch_signals(int catch_signals) {
    rl_catch_signals = catch_signals;
}

static inline void sgs_rl_set_getc(int (*getc_function)(FILE *)) {
    rl_getc_function = getc_function;
}

static inline const char *sgs_rl_line_buffer(void) {
    return rl_line_buffer;
}
