/*
 * A minimal Tolok external plugin written in C, to show that the ABI (docs/PLUGINS.md) needs
 * nothing from Swift. It reports the mean of every numeric column (summary) and, per unit, the
 * number of missing cells. Build:
 *
 *   cc -shared -fPIC -I Sources/CTolokPluginABI/include -o libcolumn_means.so column_means.c
 *
 * Compiled with -DTOLOK_EXAMPLE_ABI_VERSION=99 it claims an ABI the host does not speak, which
 * the end-to-end tests use to check that the host refuses it with a clear message.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tolok_plugin.h"

#ifndef TOLOK_EXAMPLE_ABI_VERSION
#define TOLOK_EXAMPLE_ABI_VERSION TOLOK_PLUGIN_ABI_VERSION
#endif

static const char *descriptor(void) {
    return "{\"id\":\"column-means\",\"version\":\"1.0.0\","
           "\"summary\":\"Mean of every numeric column (example plugin written in C)\","
           "\"parameters\":[],\"references\":[\"docs/PLUGINS.md\"],\"tables\":[\"units\"]}";
}

/* Appends formatted text to a growing buffer. */
typedef struct { char *text; size_t length, capacity; } buffer;
static void append(buffer *b, const char *s) {
    size_t n = strlen(s);
    if (b->length + n + 1 > b->capacity) {
        b->capacity = (b->length + n + 1) * 2;
        b->text = realloc(b->text, b->capacity);
    }
    memcpy(b->text + b->length, s, n + 1);
    b->length += n;
}
static void append_json_string(buffer *b, const char *s) {
    append(b, "\"");
    for (; *s; s++) {
        char c[8] = {0};
        if (*s == '"' || *s == '\\') { c[0] = '\\'; c[1] = *s; }
        else if ((unsigned char)*s < 0x20) snprintf(c, sizeof c, "\\u%04x", *s);
        else c[0] = *s;
        append(b, c);
    }
    append(b, "\"");
}

static int32_t run(const tolok_table *data, const char *parameters_json, char **result_json, char **error_message) {
    (void)parameters_json;
    if (data->column_count == 0) {
        *error_message = strdup("column-means needs at least one numeric column");
        return TOLOK_PLUGIN_INPUT_ERROR;
    }
    buffer b = {0};
    char number[64];
    append(&b, "{\"plugin\":\"column-means\",\"version\":\"1.0.0\",\"tables\":[{\"name\":\"units\",\"columns\":"
               "[{\"name\":\"id\",\"format\":\"text\"},{\"name\":\"status\",\"format\":\"text\"},"
               "{\"name\":\"missing_cells\",\"format\":\"integer\"}],\"rows\":[");
    for (size_t i = 0; i < data->row_count; i++) {
        int missing = 0;
        for (size_t j = 0; j < data->column_count; j++) missing += isnan(data->values[j * data->row_count + i]);
        append(&b, i ? ",[" : "[");
        append_json_string(&b, data->ids[i]);
        snprintf(number, sizeof number, ",\"ok\",%d]", missing);
        append(&b, number);
    }
    append(&b, "]}],\"summary\":[");
    for (size_t j = 0; j < data->column_count; j++) {
        double sum = 0; size_t count = 0;
        for (size_t i = 0; i < data->row_count; i++) {
            double x = data->values[j * data->row_count + i];
            if (!isnan(x)) { sum += x; count++; }
        }
        append(&b, j ? ",{\"name\":" : "{\"name\":");
        char name[512];
        snprintf(name, sizeof name, "mean_%s", data->column_names[j]);
        append_json_string(&b, name);
        if (count) snprintf(number, sizeof number, ",\"format\":\"number\",\"value\":%.17g}", sum / (double)count);
        else snprintf(number, sizeof number, ",\"format\":\"number\",\"value\":null}");
        append(&b, number);
    }
    append(&b, "],\"notes\":[]}");
    *result_json = b.text;
    return TOLOK_PLUGIN_OK;
}

static void free_string(char *s) { free(s); }

static const tolok_plugin_v1 table = { TOLOK_EXAMPLE_ABI_VERSION, descriptor, run, free_string };

const tolok_plugin_v1 *tolok_plugin_entry(void) { return &table; }
