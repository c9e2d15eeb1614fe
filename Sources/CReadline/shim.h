/* GNU readline (Debian's libreadline-dev) for the interactive `tether play`.
 * Readline's globals are variables, which Swift 6 cannot touch safely; these inline functions
 * read and set them from the main thread only. */
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/* The REPL owns SIGINT and SIGWINCH (through a self-pipe), and completes slash commands only. */
static inline void tether_rl_setup(rl_completion_func_t *completer) {
  rl_readline_name = "tether";
  rl_attempted_completion_function = completer;
  rl_catch_signals = 0;
  rl_catch_sigwinch = 0;
}
static inline int tether_rl_point(void) { return rl_point; }
static inline int tether_rl_end(void) { return rl_end; }
static inline void tether_rl_set_point(int point) { rl_point = point; }
static inline void tether_rl_set_completion_over(int over) { rl_attempted_completion_over = over; }
static inline const char *tether_rl_line_buffer(void) { return rl_line_buffer; }
static inline void tether_rl_set_streams(FILE *in, FILE *out) { rl_instream = in; rl_outstream = out; }
