/*
 * Tolok external plugin ABI, version 1. See docs/PLUGINS.md for the full contract.
 *
 * A plugin is a shared library that exports one C symbol, `tolok_plugin_entry`, returning a
 * pointer to a static `tolok_plugin_v1` table. Everything crossing the boundary is plain C:
 * UTF-8 strings, a column-major table of doubles with names, and JSON text.
 */
#ifndef TOLOK_PLUGIN_H
#define TOLOK_PLUGIN_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The ABI version this header describes. The host refuses a table with any other version. */
#define TOLOK_PLUGIN_ABI_VERSION 1u

/** The name of the one exported entry point. */
#define TOLOK_PLUGIN_ENTRY_SYMBOL "tolok_plugin_entry"

/* Status codes returned by `run`. */
/** `*result_json` holds the result document. */
#define TOLOK_PLUGIN_OK ((int32_t)0)
/** Internal failure: `*error_message` says why (the host exits 1). */
#define TOLOK_PLUGIN_FAILURE ((int32_t)1)
/** Bad data or parameters: `*error_message` says why (the host exits 2). */
#define TOLOK_PLUGIN_INPUT_ERROR ((int32_t)2)

/** The data handed to a plugin: `column_count` numeric columns of `row_count` values each. */
typedef struct tolok_table {
    size_t row_count;
    size_t column_count;
    /** `column_count` NUL-terminated UTF-8 column names. */
    const char *const *column_names;
    /** `row_count * column_count` doubles, column-major (column j starts at values[j * row_count]).
     *  A missing cell is NaN. Text columns are not passed. */
    const double *values;
    /** `row_count` NUL-terminated unit ids (the `--id` column, or "1", "2", ... when none). */
    const char *const *ids;
    /** Name of the `--id` column, or NULL when the user gave none. */
    const char *id_column;
    /** `row_count` physical line numbers (1-based) of the rows in the source file, so that a
     *  plugin's error can name the line; may be NULL (then rows are numbered from line 2). */
    const int64_t *row_lines;
    /** Name of the data source (file path) for messages; may be "". */
    const char *source;
} tolok_table;

/** The function table a plugin exports. All pointers must stay valid for the process lifetime. */
typedef struct tolok_plugin_v1 {
    /** Must be TOLOK_PLUGIN_ABI_VERSION. */
    uint32_t abi_version;
    /** The descriptor as a JSON document (static; the host never frees it). */
    const char *(*descriptor_json)(void);
    /** Runs an analysis. `parameters_json` is a JSON object of parameter name -> value.
     *  On return exactly one of `*result_json` / `*error_message` is set, allocated by the
     *  plugin and released by the host through `free_string`. */
    int32_t (*run)(const tolok_table *data, const char *parameters_json,
                   char **result_json, char **error_message);
    /** Releases a string returned by `run`. */
    void (*free_string)(char *string);
} tolok_plugin_v1;

/** Signature of the exported entry point. */
typedef const tolok_plugin_v1 *(*tolok_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif
#endif /* TOLOK_PLUGIN_H */
