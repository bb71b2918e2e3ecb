import Foundation
import Testing

/// External plugins that misbehave, written in C against tolok_plugin.h: each runs in a child
/// process, so a crash, an abort, a hang, an `exit(0)`, output on stdout or a malformed result
/// becomes exit 1 with one line naming the plugin and what happened — and a library broken at
/// load time cannot affect commands that do not use it.
@Suite struct HostilePluginTests {
    /// One C source; `-DMODE_x` picks the misbehaviour.
    static let source = #"""
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <signal.h>
    #include <unistd.h>
    #include "tolok_plugin.h"

    static const char *descriptor(void) {
    #ifdef MODE_DESCRIBE_CRASH
        raise(SIGSEGV);
    #endif
    #ifdef MODE_DESCRIBE_HANG
        for (;;) sleep(1);
    #endif
        return "{\"id\":\"hostile\",\"version\":\"1.0.0\",\"summary\":\"misbehaves\",\"parameters\":[],\"references\":[],\"tables\":[\"units\"]}";
    }

    static int recurse(int n) { volatile char pad[4096]; pad[0] = (char)n; return recurse(n + 1) + pad[0]; }

    static int32_t run(const tolok_table *d, const char *p, char **result, char **error) {
        (void)p;
        char *out = malloc(1 << 16);
        strcpy(out, "{\"plugin\":\"hostile\",\"version\":\"1.0.0\",\"tables\":[{\"name\":\"units\",\"columns\":"
                    "[{\"name\":\"id\",\"format\":\"text\"},{\"name\":\"status\",\"format\":\"text\"},"
                    "{\"name\":\"efficiency\",\"format\":\"number\"}],\"rows\":[");
        for (size_t i = 0; i < d->row_count; i++) {
            char row[256];
            const char *status = "ok";
            const char *value = "0.5";
    #ifdef MODE_BAD_STATUS
            status = "exploded";
    #endif
    #ifdef MODE_NULL_SCORE
            value = "null";
    #endif
            snprintf(row, sizeof row, "%s[\"%s\",\"%s\",%s]", i ? "," : "", d->ids[i], status, value);
    #ifdef MODE_ONE_ROW
            if (i > 0) continue;
    #endif
            strcat(out, row);
        }
        strcat(out, "]}],\"summary\":[],\"notes\":[]}");
    #ifdef MODE_SEGV
        *(volatile int *)0 = 1;
    #endif
    #ifdef MODE_ABORT
        abort();
    #endif
    #ifdef MODE_STACK
        recurse(0);
    #endif
    #ifdef MODE_HANG
        for (;;) sleep(1);
    #endif
    #ifdef MODE_EXIT
        exit(0);
    #endif
    #ifdef MODE_PRINTF
        printf("chatter on stdout\n");
        fflush(stdout);
    #endif
    #ifdef MODE_NOT_JSON
        strcpy(out, "this is not json");
    #endif
        *result = out;
        return TOLOK_PLUGIN_OK;
    }

    static void free_string(char *s) { free(s); }
    static const tolok_plugin_v1 table = { TOLOK_PLUGIN_ABI_VERSION, descriptor, run, free_string };
    const tolok_plugin_v1 *tolok_plugin_entry(void) { return &table; }
    """#

    let folder: TemporaryFolder
    let data: String
    init() throws {
        folder = try TemporaryFolder()
        data = try folder.file("d.csv", "unit,x\nA,1\nB,2\n")
    }

    /// Builds the plugin with `mode` into its own folder and returns the folder.
    func build(_ mode: String) throws -> String {
        let dir = folder.url.appendingPathComponent(mode)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let c = try folder.file("hostile_\(mode).c", Self.source)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cc", "-shared", "-fPIC", "-O0", "-DMODE_\(mode)",
                             "-I", TolokProcess.repositoryRoot.appendingPathComponent("Sources/CTolokPluginABI/include").path,
                             "-o", dir.appendingPathComponent("libhostile.so").path, c]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "cc failed for \(mode)")
        return dir.path
    }

    func run(_ mode: String, _ extra: [String] = []) throws -> TolokProcess.Outcome {
        try TolokProcess.run(["run", "hostile", "--plugin-path", try build(mode), "--data", data, "--id", "unit", "--format", "csv"] + extra)
    }

    /// Exit 1, one line on stderr naming the plugin and containing `what`, nothing on stdout.
    func expectFailure(_ o: TolokProcess.Outcome, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(o.status == 1, "status \(o.status): \(o.stderr)", sourceLocation: sourceLocation)
        #expect(o.stdout.isEmpty, "stdout: \(o.stdout)", sourceLocation: sourceLocation)
        #expect(o.stderr.hasPrefix("tolok: plugin hostile ("), "\(o.stderr)", sourceLocation: sourceLocation)
        #expect(o.stderr.contains(what), "\(o.stderr)", sourceLocation: sourceLocation)
        #expect(o.stderr.split(separator: "\n").count == 1, "\(o.stderr)", sourceLocation: sourceLocation)
    }

    @Test func aWellBehavedRunWorks() throws {
        let o = try run("GOOD")
        #expect(o.status == 0, "\(o.stderr)")
        #expect(o.stdout == "id,status,efficiency\nA,ok,0.5\nB,ok,0.5\n")
    }

    @Test func crashesBecomeExitOne() throws {
        expectFailure(try run("SEGV"), "crashed (signal 11, SIGSEGV)")
        expectFailure(try run("ABORT"), "crashed (signal 6, SIGABRT)")
        expectFailure(try run("STACK"), "crashed (signal 11, SIGSEGV)")
    }

    @Test func aHangIsStoppedAtTheTimeLimit() throws {
        let started = Date()
        expectFailure(try run("HANG", ["--plugin-timeout", "1"]), "did not finish within 1 s (--plugin-timeout) and was stopped")
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test func anExitWithoutAResultIsCaught() throws {
        expectFailure(try run("EXIT"), "exited with status 0 without a complete reply")
    }

    @Test func printfDoesNotReachOurOutput() throws {
        let o = try run("PRINTF")
        #expect(o.status == 0, "\(o.stderr)")
        #expect(o.stdout == "id,status,efficiency\nA,ok,0.5\nB,ok,0.5\n")
    }

    @Test func malformedResultsAreRefused() throws {
        expectFailure(try run("BAD_STATUS"), "row 1 has status \"exploded\", which is not one of ok, infeasible")
        expectFailure(try run("NULL_SCORE"), "row 1 (unit A) is ok but its efficiency is not a finite number")
        expectFailure(try run("ONE_ROW"), "1 rows for 2 units")
        expectFailure(try run("NOT_JSON"), "is not a result document")
    }

    @Test func aLibraryBrokenAtLoadTimeAffectsOnlyItself() throws {
        for mode in ["DESCRIBE_CRASH", "DESCRIBE_HANG"] {
            let dir = try build(mode)
            let started = Date()
            let list = try TolokProcess.run(["plugins", "--plugin-path", dir, "--plugin-timeout", "2"])
            #expect(list.status == 0, "\(mode): \(list.stderr)")
            #expect(list.stdout.contains("dea "), "\(mode)")
            #expect(list.stdout.contains("broken: \(dir)/libhostile.so: "), "\(mode): \(list.stdout)")
            #expect(Date().timeIntervalSince(started) < 20, "\(mode)")
            // A command that names a built-in plugin never loads the library.
            let dea = try TolokProcess.run(["run", "dea", "--plugin-path", dir, "--data", TolokProcess.dataset("cst_hospitals_12.csv"),
                                            "--id", "dmu", "--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients,y2_inpatients"])
            #expect(dea.status == 0, "\(mode): \(dea.stderr)")
            #expect(dea.stderr.isEmpty, "\(mode): \(dea.stderr)")
        }
    }
}
