#ifndef IMAPWATCH_CYAML_SHIM_H
#define IMAPWATCH_CYAML_SHIM_H
/* The system libyaml (Debian libyaml-dev, pkg-config yaml-0.1): the parser and emitter the Config target uses. */
#include <yaml.h>
#endif
