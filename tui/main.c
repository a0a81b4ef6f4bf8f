/* hanchot: a terminal deadline monitor. Everything starts in cli_main(). */
#include "tui/cli.h"

int main(int argc, char **argv) { return cli_main(argc, argv); }
