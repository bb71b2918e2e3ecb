/* The plugin ABI is a header-only contract; this file gives the C target a translation unit. */
#include "tolok_plugin.h"
const unsigned tolok_plugin_abi_version_of_header = TOLOK_PLUGIN_ABI_VERSION;
