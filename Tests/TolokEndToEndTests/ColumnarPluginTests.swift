import Foundation
import Testing

/// ABI version 2 (typed column buffers) end to end, with a C plugin built here: every column
/// type and format, missing cells, multi-byte UTF-8, a table of 0 rows; and v2 plugins that hand
/// back wrong lengths, bad UTF-8, an undeclared table, a huge claimed length or an unknown
/// type — each exit 1 with one line naming the plugin.
@Suite struct ColumnarPluginTests {
    static let source = #"""
    #include <stdlib.h>
    #include <string.h>
    #include <math.h>
    #include "tolok_plugin.h"

    static const char *descriptor(void) {
        return "{\"id\":\"colv2\",\"version\":\"2.0.0\",\"summary\":\"v2 columns\",\"parameters\":[],\"references\":[],"
               "\"tables\":[\"units\",\"detail\"]}";
    }

    /* One run's buffers (a test plugin: a fixed small budget of rows). */
    static tolok_column ucols[7], dcols[4];
    static tolok_result_table tables[2];
    static tolok_result result;
    static double score[64], maybe[64];
    static int64_t count[64], flag[64], icol[64];
    static uint64_t id_off[65], st_off[65], money_off[65], name_off[65], dtext_off[65];
    static char id_text[4096], st_text[1024], money_text[1024], name_text[4096], dtext[4096];
    static uint8_t dmissing[8], tmissing[8];

    static void text_cell(char *buf, uint64_t *off, size_t i, const char *s) {
        strcpy(buf + off[i], s);
        off[i + 1] = off[i] + strlen(s);
    }

    static int32_t run(const tolok_table *d, const char *p, tolok_result **out, char **error) {
        (void)p;
        size_t n = d->row_count;
        if (n > 64) { *error = strdup("at most 64 rows"); return TOLOK_PLUGIN_INPUT_ERROR; }
        id_off[0] = st_off[0] = money_off[0] = name_off[0] = dtext_off[0] = 0;
        memset(dmissing, 0, sizeof dmissing);
        memset(tmissing, 0, sizeof tmissing);
        for (size_t i = 0; i < n; i++) {
            text_cell(id_text, id_off, i, d->ids[i]);
            text_cell(st_text, st_off, i, "ok");
            text_cell(money_text, money_off, i, i % 2 ? "-12.50" : "1000000.05");
            text_cell(name_text, name_off, i, i % 2 ? "Surabaya \xE2\x80\x94 \xE4\xB8\xAD" : "Caf\xC3\xA9 \xF0\x9F\x98\x80");
            score[i] = d->values[i] * 1.5;
            count[i] = (int64_t)i - 1;
            flag[i] = i % 2;
            maybe[i] = i % 2 ? NAN : 0.25;
            icol[i] = 7;
            if (i % 2) { dmissing[i / 8] |= (uint8_t)(1u << (i % 8)); }
            if (i == 0) { tmissing[0] |= 1; }
            text_cell(dtext, dtext_off, i, i == 0 ? "" : "x");
        }
    #ifdef MODE_BAD_UTF8
        name_text[0] = (char)0xFF;
    #endif
        ucols[0] = (tolok_column){ .name = "id", .type = TOLOK_COLUMN_TEXT, .offsets = id_off, .text = id_text, .text_length = id_off[n] };
        ucols[1] = (tolok_column){ .name = "status", .type = TOLOK_COLUMN_TEXT, .offsets = st_off, .text = st_text, .text_length = st_off[n] };
        ucols[2] = (tolok_column){ .name = "score", .type = TOLOK_COLUMN_DOUBLE, .format = "fraction", .label = "Score", .values = score };
        ucols[3] = (tolok_column){ .name = "count", .type = TOLOK_COLUMN_INT64, .values = count };
        ucols[4] = (tolok_column){ .name = "flag", .type = TOLOK_COLUMN_INT64, .format = "bool", .values = flag };
        ucols[5] = (tolok_column){ .name = "amount", .type = TOLOK_COLUMN_TEXT, .format = "money", .offsets = money_off, .text = money_text, .text_length = money_off[n] };
        ucols[6] = (tolok_column){ .name = "name", .type = TOLOK_COLUMN_TEXT, .offsets = name_off, .text = name_text, .text_length = name_off[n] };
        dcols[0] = (tolok_column){ .name = "maybe", .type = TOLOK_COLUMN_DOUBLE, .values = maybe, .missing = dmissing };
        dcols[1] = (tolok_column){ .name = "int_or_missing", .type = TOLOK_COLUMN_INT64, .values = icol, .missing = dmissing };
        dcols[2] = (tolok_column){ .name = "text_or_missing", .type = TOLOK_COLUMN_TEXT, .offsets = dtext_off, .text = dtext, .text_length = dtext_off[n], .missing = tmissing };
        dcols[3] = (tolok_column){ .name = "nan_is_missing", .type = TOLOK_COLUMN_DOUBLE, .values = maybe };
        tables[0] = (tolok_result_table){ .name = "units", .row_count = n, .column_count = 7, .columns = ucols };
        tables[1] = (tolok_result_table){ .name = "detail", .row_count = n, .column_count = 4, .columns = dcols };
    #ifdef MODE_ZERO_ROWS
        tables[1].row_count = 0;
        dcols[2].text_length = 0;
    #endif
    #ifdef MODE_BAD_LENGTH
        ucols[6].text_length += 3;
    #endif
    #ifdef MODE_BAD_OFFSETS
        name_off[1] = name_off[2] + 1;
    #endif
    #ifdef MODE_UNDECLARED
        tables[1].name = "secret";
    #endif
    #ifdef MODE_HUGE
        tables[1].row_count = (uint64_t)1 << 60;
    #endif
    #ifdef MODE_BAD_TYPE
        ucols[3].type = 9;
    #endif
    #ifdef MODE_BAD_FORMAT
        ucols[3].format = "percent";
    #endif
    #ifdef MODE_SHORT_UNITS
        tables[0].row_count = n - 1;
        ucols[0].text_length = id_off[n - 1];
        ucols[1].text_length = st_off[n - 1];
        ucols[5].text_length = money_off[n - 1];
        ucols[6].text_length = name_off[n - 1];
    #endif
        result = (tolok_result){
            .meta_json = "{\"plugin\":\"colv2\",\"version\":\"2.0.0\",\"tables\":[],"
                         "\"summary\":[{\"name\":\"units\",\"format\":\"integer\",\"value\":3}],\"notes\":[\"v2 note\"]}",
            .table_count = 2, .tables = tables };
        *out = &result;
        return TOLOK_PLUGIN_OK;
    }

    static void free_result(tolok_result *r) { (void)r; }
    static void free_string(char *s) { free(s); }
    static const tolok_plugin_v2 table = { TOLOK_PLUGIN_ABI_VERSION_2, descriptor, run, free_result, free_string };
    const tolok_plugin_v2 *tolok_plugin_entry(void) { return &table; }
    """#

    let folder: TemporaryFolder
    let data: String
    init() throws {
        folder = try TemporaryFolder()
        data = try folder.file("d.csv", "unit,x\nA,1\nB,2\nÇ3,4\n")
    }

    func build(_ mode: String) throws -> String {
        let dir = folder.url.appendingPathComponent(mode)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let c = try folder.file("colv2_\(mode).c", Self.source)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cc", "-shared", "-fPIC", "-O0", "-DMODE_\(mode)",
                             "-I", TolokProcess.repositoryRoot.appendingPathComponent("Sources/CTolokPluginABI/include").path,
                             "-o", dir.appendingPathComponent("libcolv2.so").path, c]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "cc failed for \(mode)")
        return dir.path
    }

    func run(_ mode: String, _ extra: [String] = []) throws -> TolokProcess.Outcome {
        try TolokProcess.run(["run", "colv2", "--plugin-path", try build(mode), "--data", data, "--id", "unit"] + extra)
    }

    func expectFailure(_ o: TolokProcess.Outcome, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(o.status == 1, "status \(o.status): \(o.stderr)", sourceLocation: sourceLocation)
        #expect(o.stdout.isEmpty, "stdout: \(o.stdout)", sourceLocation: sourceLocation)
        #expect(o.stderr.hasPrefix("tolok: plugin colv2 ("), "\(o.stderr)", sourceLocation: sourceLocation)
        #expect(o.stderr.contains(what), "\(o.stderr)", sourceLocation: sourceLocation)
        #expect(o.stderr.split(separator: "\n").count == 1, "\(o.stderr)", sourceLocation: sourceLocation)
    }

    @Test func everyColumnTypeRoundTrips() throws {
        let o = try run("GOOD", ["--format", "csv"])
        #expect(o.status == 0, "\(o.stderr)")
        #expect(o.stdout == """
            id,status,score,count,flag,amount,name
            A,ok,1.5,-1,false,1000000.05,Café 😀
            B,ok,3,0,true,-12.50,Surabaya — 中
            Ç3,ok,6,1,false,1000000.05,Café 😀

            """, "\(o.stdout)")
        let json = try run("GOOD", ["--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains(#""summary":{"units":3}"#), "\(json.stdout)")
        #expect(json.stdout.contains(#""notes":["v2 note"]"#), "\(json.stdout)")
    }

    @Test func missingCellsAndNaNArriveAsMissing() throws {
        let o = try run("GOOD", ["--format", "csv", "--table", "detail"])
        #expect(o.status == 0, "\(o.stderr)")
        #expect(o.stdout == "maybe,int_or_missing,text_or_missing,nan_is_missing\n0.25,7,,0.25\n,,x,\n0.25,7,x,0.25\n", "\(o.stdout)")
    }

    @Test func aTableOfZeroRows() throws {
        let o = try run("ZERO_ROWS", ["--format", "csv", "--table", "detail"])
        #expect(o.status == 0, "\(o.stderr)")
        #expect(o.stdout == "maybe,int_or_missing,text_or_missing,nan_is_missing\n", "\(o.stdout)")
    }

    @Test func hostileColumnsAreRefused() throws {
        expectFailure(try run("BAD_UTF8"), "column name of table units row 1 is not valid UTF-8")
        expectFailure(try run("BAD_LENGTH"), "column name of table units has offsets from 0 to")
        expectFailure(try run("BAD_OFFSETS"), "column name of table units row 2 has offsets")
        expectFailure(try run("UNDECLARED"), "returned table \"secret\", which its descriptor does not declare")
        expectFailure(try run("HUGE"), "claims 1152921504606846976 rows")
        expectFailure(try run("BAD_TYPE"), "column count of table units has type 9")
        expectFailure(try run("BAD_FORMAT"), "column count of table units is int64 with format \"percent\"")
        expectFailure(try run("SHORT_UNITS"), "2 rows for 3 units")
    }
}
