#ifndef TETHER_CLIBYAML_SHIM_H
#define TETHER_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
