/*
 * Tolok external plugin ABI, versions 1 and 2. See docs/PLUGINS.md for the full contract.
 *
 * A plugin is a shared library that exports one C symbol, `tolok_plugin_entry`, returning a
 * pointer to a static function table whose first field is its ABI version:
 *  - version 1 (`tolok_plugin_v1`): the result is one JSON document (rows of cells);
 *  - version 2 (`tolok_plugin_v2`): the result tables are typed column buffers
 *    (`tolok_result`), only the summary and notes are JSON.
 * The host loads both. Everything crossing the boundary is plain C.
 */
#ifndef TOLOK_PLUGIN_H
#define TOLOK_PLUGIN_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** ABI version 1: the result as a JSON document. The host still loads version 1 plugins. */
#define TOLOK_PLUGIN_ABI_VERSION 1u
/** ABI version 2: result tables as typed column buffers (`tolok_plugin_v2`). */
#define TOLOK_PLUGIN_ABI_VERSION_2 2u

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

/* ---- ABI version 2: columnar results ------------------------------------------------ */

/* Column types of a v2 result column. */
/** `values` points at `row_count` doubles (a missing cell may also be NaN). */
#define TOLOK_COLUMN_DOUBLE ((uint32_t)1)
/** `values` points at `row_count` int64_t. */
#define TOLOK_COLUMN_INT64 ((uint32_t)2)
/** `offsets` holds `row_count + 1` non-decreasing byte offsets into `text` (offsets[0] == 0,
 *  offsets[row_count] == text_length); cell i is the UTF-8 bytes text[offsets[i] ..< offsets[i+1]]. */
#define TOLOK_COLUMN_TEXT ((uint32_t)3)

/** One result column of `row_count` cells. */
typedef struct tolok_column {
    /** NUL-terminated UTF-8 column name. */
    const char *name;
    /** TOLOK_COLUMN_DOUBLE, TOLOK_COLUMN_INT64 or TOLOK_COLUMN_TEXT. */
    uint32_t type;
    /** How the host shows the column, or NULL for the type's default: for DOUBLE "number"
     *  (default) or "fraction"; for INT64 "integer" (default) or "bool" (0/1); for TEXT "text"
     *  (default) or "money" (decimal text such as "-12.50"). */
    const char *format;
    /** Optional display label (NULL: none). */
    const char *label;
    /** DOUBLE / INT64: the `row_count` values. Unused for TEXT. */
    const void *values;
    /** TEXT: `row_count + 1` offsets and `text_length` bytes. Unused otherwise. */
    const uint64_t *offsets;
    const char *text;
    uint64_t text_length;
    /** Missing-value bitmap of (row_count + 7) / 8 bytes, bit (i % 8) of byte i / 8 set when
     *  cell i is missing (its value is then ignored); NULL when no cell is missing. */
    const uint8_t *missing;
} tolok_column;

/** One result table: `column_count` columns of `row_count` cells each. */
typedef struct tolok_result_table {
    const char *name;
    uint64_t row_count;
    uint64_t column_count;
    const tolok_column *columns;
} tolok_result_table;

/** A v2 result. `meta_json` is a v1 result document without rows of its own:
 *  {"plugin": ..., "version": ..., "tables": [], "summary": [...], "notes": [...]}
 *  (its "tables" must be empty); the tables are `tables`. Every table must be one the
 *  plugin's descriptor declares (`output_schema`/`tables`) when it declares any. */
typedef struct tolok_result {
    const char *meta_json;
    uint64_t table_count;
    const tolok_result_table *tables;
    /** For the plugin's own use (e.g. to free the buffers); the host never reads it. */
    void *context;
} tolok_result;

/** The function table of a version 2 plugin. */
typedef struct tolok_plugin_v2 {
    /** Must be TOLOK_PLUGIN_ABI_VERSION_2. */
    uint32_t abi_version;
    /** As in version 1. */
    const char *(*descriptor_json)(void);
    /** Runs an analysis. On TOLOK_PLUGIN_OK `*result` is set (released through `free_result`
     *  once the host has copied it); otherwise `*error_message` (released by `free_string`). */
    int32_t (*run)(const tolok_table *data, const char *parameters_json,
                   tolok_result **result, char **error_message);
    void (*free_result)(tolok_result *result);
    void (*free_string)(char *string);
} tolok_plugin_v2;

/** Signature of the exported entry point. */
typedef const tolok_plugin_v1 *(*tolok_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif
#endif /* TOLOK_PLUGIN_H */
