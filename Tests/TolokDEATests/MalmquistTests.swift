import Foundation
import Testing
import TolokCore
import TolokNumerics
import TolokTestSupport
@testable import TolokDEAModel
@testable import TolokDEA

/// `dea --period`: the Malmquist index, its FGNZ decomposition and the three reference
/// technologies against R Benchmarking's dea() distances and deaR's malmquist_index
/// (Datasets/*_malmquist_*.R.csv, scripts/peers/malmquist.R), a hand-derived example, invariants
/// on random panels, infeasible pairs and refusals.
@Suite struct MalmquistTests {
    /// (file, id, period, inputs, outputs)
    static let panels: [(String, String, String, String, String)] = [
        ("dea_jl_malmquist_5", "dmu", "period", "x1", "y1"),
        ("grifell_lovell_1999_8x2", "dmu", "year", "x", "y"),
        ("malmquist_panel_24x4", "unit", "year", "x1,x2", "y1,y2"),
        ("wang_lan_2011_china_31x5", "province", "year", "capital,labor", "giov"),
    ]

    /// Deterministic values are held to 1e-9 (R's lpSolve itself is off by up to 2.5e-12 here).
    static let tolerance = 1e-9

    static func run(_ panel: (String, String, String, String, String), reference: String, rts: String, orientation: String) throws -> ResultTable {
        let r = try PluginHarness.run("dea", data: panel.0 + ".csv", id: panel.1,
                                      ["--period", panel.2, "--inputs", panel.3, "--outputs", panel.4, "--rts", rts,
                                       "--orientation", orientation, "--malmquist-reference", reference])
        return try r.requireTable("pairs")
    }

    /// Rows of a pairs table by "id from to".
    static func rows(_ t: ResultTable) throws -> [String: [String: Value]] {
        let ids = try t.texts("id"), from = try t.texts("from_period"), to = try t.texts("to_period")
        let columns = t.columns.map { ($0.name, t.values(of: $0.name)!) }
        var out: [String: [String: Value]] = [:]
        for k in ids.indices {
            var row: [String: Value] = [:]
            for (name, values) in columns { row[name] = values[k] }
            out["\(ids[k]) \(from[k]) \(to[k])"] = row
        }
        return out
    }

    /// Every column's cells as written (empty where R wrote NA), by column name.
    static func raw(_ d: Dataset) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: d.columns.map { c in (c.name, (0..<d.rowCount).map { c.raw[$0] }) })
    }

    static func close(_ a: Value?, _ b: String, _ what: String) {
        guard let want = Double(b) else { Issue.record("\(what): R value \"\(b)\" is not a number"); return }
        guard let got = a?.double else { Issue.record("\(what): Tolok has no number, R \(want)"); return }
        #expect(abs(got - want) <= tolerance, "\(what): \(got) vs R \(want)")
    }

    /// Every unit-pair of every panel × reference × rts × orientation: status, M, EC, TC, PECH,
    /// SECH and each distance, against R Benchmarking's dea() (adjacent M, EC, TC also equal
    /// to its malmq(), checked by the script). Infeasible cross-period VRS programs are `Inf`
    /// in R and `infeasible` here; the pair then has no index.
    @Test(arguments: 0..<4)
    func benchmarkingDistances(panel: Int) throws {
        let p = Self.panels[panel]
        let expected = Self.raw(try Datasets.load(p.0 + "_malmquist_benchmarking.R.csv"))
        let col = { (name: String) in try #require(expected[name], "no column \(name)") }
        let reference = try col("reference"), rts = try col("rts"), orientation = try col("orientation")
        let ids = try col("id"), from = try col("from"), to = try col("to"), status = try col("status")
        var tables: [String: [String: [String: Value]]] = [:]
        var compared = 0
        for k in ids.indices {
            let config = "\(reference[k]) \(rts[k]) \(orientation[k])"
            if tables[config] == nil {
                tables[config] = try Self.rows(Self.run(p, reference: reference[k], rts: rts[k], orientation: orientation[k] == "in" ? "input" : "output"))
            }
            let what = "\(p.0) \(config) \(ids[k]) \(from[k])→\(to[k])"
            let row = try #require(tables[config]?["\(ids[k]) \(from[k]) \(to[k])"], "\(what): no row")
            #expect(row["status"]?.string == status[k], "\(what): status")
            let global = reference[k] == "global"
            var columns = [("d_from_from", "d_from_from"), ("d_to_to", "d_to_to"),
                           (global ? "d_global_from" : "d_from_to", "d_cross_1"), (global ? "d_global_to" : "d_to_from", "d_cross_2")]
            if rts[k] == "crs" { columns += [("d_vrs_from_from", "d_vrs_from_from"), ("d_vrs_to_to", "d_vrs_to_to")] }
            if status[k] == "ok" {
                columns += [("malmquist", "m"), ("effch", "ec"), ("techch", "tc")]
                if rts[k] == "crs" { columns += [("pech", "pech"), ("sech", "sech")] }
            } else {
                #expect(row["malmquist"] == .missing && row["effch"] == .missing, "\(what): an index without every program")
            }
            for (ours, theirs) in columns {
                let r = try col(theirs)[k]
                if r.isEmpty { #expect(row[ours] == .missing, "\(what) \(ours): R infeasible, Tolok \(String(describing: row[ours]))") } else { Self.close(row[ours], r, "\(what) \(ours)") }
            }
            compared += 1
        }
        #expect(compared == ids.count && compared > 0)
    }

    /// deaR's malmquist_index(type2 = "fgnz"): rts = "vrs" there (M, EC, TC under CRS; PECH,
    /// SECH from VRS) is `--rts crs` here; contemporaneous = adjacent, seq, glob (CRS).
    @Test(arguments: 0..<4)
    func deaRDecomposition(panel: Int) throws {
        let p = Self.panels[panel]
        let expected = Self.raw(try Datasets.load(p.0 + "_malmquist_deaR.R.csv"))
        let col = { (name: String) in try #require(expected[name], "no column \(name)") }
        let type1 = try col("type1"), orientation = try col("orientation")
        let ids = try col("id"), from = try col("from"), to = try col("to")
        var tables: [String: [String: [String: Value]]] = [:]
        for k in ids.indices {
            let reference = ["cont": "adjacent", "seq": "sequential", "glob": "global"][type1[k]]!
            let config = "\(reference) \(orientation[k])"
            if tables[config] == nil {
                tables[config] = try Self.rows(Self.run(p, reference: reference, rts: "crs", orientation: orientation[k] == "io" ? "input" : "output"))
            }
            let what = "\(p.0) deaR \(config) \(ids[k]) \(from[k])→\(to[k])"
            let row = try #require(tables[config]?["\(ids[k]) \(from[k]) \(to[k])"], "\(what): no row")
            for (ours, theirs) in [("malmquist", "mi"), ("effch", "ec"), ("techch", "tc"), ("pech", "pech"), ("sech", "sech")] {
                let r = try col(theirs)[k]
                if !r.isEmpty { Self.close(row[ours], r, "\(what) \(ours)") }
            }
        }
    }

    /// One input, one output, CRS, input orientation: a point's distance is its productivity
    /// p = y/x over the best productivity P in the reference technology, so every number is a
    /// ratio of productivities (and M = p_t/p_s whatever the reference).
    ///
    ///     period 1: A (2, 2) p = 1,    B (2, 1)    p = 0.5    P₁ = 1
    ///     period 2: A (2, 1) p = 0.5,  B (1, 0.75) p = 0.75   P₂ = 0.75  (the frontier regresses)
    ///     period 3: A (1, 1.5) p = 1.5, B (2, 2)   p = 1      P₃ = 1.5
    ///
    /// Sequential technologies: S₁ = 1, S₂ = max(1, 0.75) = 1, S₃ = 1.5; global G = 1.5.
    /// EC = (p_t/P_t)/(p_s/P_s) with the own-period technologies; TC = M/EC.
    ///
    ///     pair      M     EC adjacent  TC adj.  EC sequential  TC seq.  EC global  TC global (BPC)
    ///     A 1→2    1/2    2/3          3/4      1/2            1        2/3        3/4
    ///     A 2→3    3      3/2          2        2              3/2      3/2        2
    ///     B 1→2    3/2    2            3/4      3/2            1        2          3/4
    ///     B 2→3    4/3    2/3          2        8/9            3/2      2/3        2
    ///
    /// Distances, sequential B 2→3: d_from_to = p(B,3)/S₂ = 1, d_to_from = p(B,2)/S₃ = 1/2;
    /// global A: D_G = p/1.5 = 2/3 (period 1), 1/3 (period 2), 1 (period 3).
    @Test func sequentialAndGlobalByHand() throws {
        let text = "id,t,x,y\nA,1,2,2\nB,1,2,1\nA,2,2,1\nB,2,1,0.75\nA,3,1,1.5\nB,3,2,2\n"
        let m: [String: Double] = ["A 1 2": 0.5, "A 2 3": 3, "B 1 2": 1.5, "B 2 3": 4.0 / 3]
        let ec: [String: [String: Double]] = [
            "adjacent": ["A 1 2": 2.0 / 3, "A 2 3": 1.5, "B 1 2": 2, "B 2 3": 2.0 / 3],
            "sequential": ["A 1 2": 0.5, "A 2 3": 2, "B 1 2": 1.5, "B 2 3": 8.0 / 9],
            "global": ["A 1 2": 2.0 / 3, "A 2 3": 1.5, "B 1 2": 2, "B 2 3": 2.0 / 3],
        ]
        var tables: [String: [String: [String: Value]]] = [:]
        for reference in ["adjacent", "sequential", "global"] {
            let r = try PluginHarness.run("dea", csvText: text, id: "id", ["--period", "t", "--inputs", "x", "--outputs", "y", "--malmquist-reference", reference])
            let rows = try Self.rows(r.requireTable("pairs"))
            tables[reference] = rows
            for (pair, want) in m {
                let row = try #require(rows[pair])
                #expect(abs(row["malmquist"]!.double! - want) <= 1e-12, "\(reference) \(pair) M")
                #expect(abs(row["effch"]!.double! - ec[reference]![pair]!) <= 1e-12, "\(reference) \(pair) EC")
                #expect(abs(row["techch"]!.double! - want / ec[reference]![pair]!) <= 1e-12, "\(reference) \(pair) TC")
            }
            #expect(try r.summaryNumber("pairs_ok") == 4)
        }
        let seq = tables["sequential"]!["B 2 3"]!
        #expect(abs(seq["d_from_to"]!.double! - 1) <= 1e-12 && abs(seq["d_to_from"]!.double! - 0.5) <= 1e-12)
        let g = tables["global"]!
        #expect(abs(g["A 1 2"]!["d_global_from"]!.double! - 2.0 / 3) <= 1e-12 && abs(g["A 1 2"]!["d_global_to"]!.double! - 1.0 / 3) <= 1e-12)
        #expect(abs(g["A 2 3"]!["d_global_to"]!.double! - 1) <= 1e-12)
        #expect(g["A 1 2"]!["d_from_to"] == nil, "global reference: no cross-period columns")
    }

    /// Random panels (2 inputs, 2 outputs, 12 units × 4 periods, both orientations, each
    /// reference): M = EC × TC and EC = PECH × SECH to 1e-12 (relative); SECH equals the ratio of
    /// scale efficiencies θ_CRS/θ_VRS of a separate `--scale` cross-section run of each period
    /// (adjacent and global: the contemporaneous technologies) to 1e-9; TC equals its closed form
    /// √[(dˢ(t)/dᵗ(t))·(dˢ(s)/dᵗ(s))]; sequential TC ≥ 1 and dᵗ(s) ≤ 1 (input orientation); the global index
    /// is circular: M_G(1→2)·M_G(2→3)·M_G(3→4) = D_G(4)/D_G(1).
    @Test(arguments: [UInt64(3), 17])
    func invariantsOnRandomPanels(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let n = 12, periods = 4
        var csv = "id,t,x1,x2,y1,y2\n"
        var perPeriod: [Int: String] = [:]
        for t in 1...periods {
            var block = "id,x1,x2,y1,y2\n"
            for j in 0..<n {
                let x1 = Double.random(in: 1...10, using: &rng), x2 = Double.random(in: 1...10, using: &rng)
                let f = pow(1.05, Double(t)) * pow(x1, 0.3) * pow(x2, 0.5) * Double.random(in: 0.5...1, using: &rng)
                let share = Double.random(in: 0.2...0.8, using: &rng)
                let line = "\(x1),\(x2),\(f * share),\(f * (1 - share))"
                csv += "U\(j),\(t),\(line)\n"
                block += "U\(j),\(line)\n"
            }
            perPeriod[t] = block
        }
        for orientation in ["input", "output"] {
            // Scale efficiencies per period, independently of the Malmquist code path.
            var se: [String: Double] = [:]
            for t in 1...periods {
                let r = try PluginHarness.run("dea", csvText: perPeriod[t]!, id: "id", ["--inputs", "x1,x2", "--outputs", "y1,y2", "--scale", "--orientation", orientation])
                let u = try r.requireTable("units")
                for (id, s) in zip(try u.texts("id"), try u.numbers("scale_efficiency")) { se["\(id) \(t)"] = s }
            }
            for reference in ["adjacent", "sequential", "global"] {
                let r = try PluginHarness.run("dea", csvText: csv, id: "id", ["--period", "t", "--inputs", "x1,x2", "--outputs", "y1,y2",
                                                                              "--orientation", orientation, "--malmquist-reference", reference])
                let t = try r.requireTable("pairs")
                let ids = try t.texts("id"), from = try t.texts("from_period"), to = try t.texts("to_period")
                let mq = try t.numbers("malmquist"), ec = try t.numbers("effch"), tc = try t.numbers("techch")
                let pech = try t.numbers("pech"), sech = try t.numbers("sech")
                #expect(try t.texts("status").allSatisfy { $0 == "ok" }, "CRS with positive data: every program feasible")
                for k in ids.indices {
                    let what = "seed \(seed) \(orientation) \(reference) \(ids[k]) \(from[k])→\(to[k])"
                    #expect(abs(mq[k] - ec[k] * tc[k]) <= 1e-12 * mq[k], "\(what): M = EC × TC")
                    #expect(abs(ec[k] - pech[k] * sech[k]) <= 1e-12 * ec[k], "\(what): EC = PECH × SECH")
                    if reference != "sequential" {
                        let want = se["\(ids[k]) \(to[k])"]! / se["\(ids[k]) \(from[k])"]!
                        #expect(abs(sech[k] - want) <= 1e-9, "\(what): SECH = SEᵗ(t)/SEˢ(s)")
                    }
                }
                if reference == "global" {
                    let gFrom = try t.numbers("d_global_from"), gTo = try t.numbers("d_global_to")
                    for id in Set(ids) {
                        let chain = ids.indices.filter { ids[$0] == id }
                        let product = chain.map { mq[$0] }.reduce(1, *)
                        let first = chain.first { from[$0] == "1" }!, last = chain.first { to[$0] == "\(periods)" }!
                        #expect(abs(product - gTo[last] / gFrom[first]) <= 1e-12 * product, "seed \(seed) \(orientation) \(id): circular")
                    }
                } else {
                    let ff = try t.numbers("d_from_from"), tt = try t.numbers("d_to_to"), ft = try t.numbers("d_from_to"), tf = try t.numbers("d_to_from")
                    for k in ids.indices {
                        #expect(abs(tc[k] - ((ft[k] / tt[k]) * (ff[k] / tf[k])).squareRoot()) <= 1e-12 * tc[k])
                        if reference == "sequential" {
                            #expect(tc[k] >= 1 - 1e-12, "sequential: Tˢ ⊆ Tᵗ, no technical regress")
                            if orientation == "input" { #expect(tf[k] <= 1 + 1e-12, "sequential: period s lies inside Tᵗ") }
                        }
                    }
                }
                let gm = exp(mq.map { log($0) }.reduce(0, +) / Double(mq.count))
                #expect(try abs(r.summaryNumber("geometric_mean_malmquist") - gm) <= 1e-12 * gm)
                let gmEC = try r.summaryNumber("geometric_mean_effch"), gmTC = try r.summaryNumber("geometric_mean_techch")
                #expect(abs(gm - gmEC * gmTC) <= 1e-12 * gm, "the geometric means multiply as the indices do")
                let gmPECH = try r.summaryNumber("geometric_mean_pech"), gmSECH = try r.summaryNumber("geometric_mean_sech")
                #expect(abs(gmEC - gmPECH * gmSECH) <= 1e-12 * gmEC)
            }
        }
    }

    /// VRS cross-period programs that are infeasible are counted (pairs_infeasible), named in
    /// the summary (infeasible_pairs) and the notes with the distance that failed, and the
    /// geometric means are over pairs_ok only.
    @Test func infeasiblePairsAreCountedAndNamed() throws {
        // Period 2's B produces y = 6 > 2, beyond period 1's VRS hull (max y = 2): dˢ(t) infeasible.
        let text = "id,t,x,y\nA,1,1,1\nB,1,2,2\nC,1,3,2\nA,2,1,1.5\nB,2,2,6\nC,2,3,2\n"
        let r = try PluginHarness.run("dea", csvText: text, id: "id", ["--period", "t", "--inputs", "x", "--outputs", "y", "--rts", "vrs"])
        let t = try r.requireTable("pairs")
        #expect(try t.texts("status") == ["ok", "infeasible", "ok"])
        #expect(try r.summaryNumber("pairs_ok") == 2 && r.summaryNumber("pairs_infeasible") == 1 && r.summaryNumber("pairs") == 3)
        #expect(r.summaryValue("infeasible_pairs") == .text("B 1→2"))
        #expect(r.notes.contains { $0.contains("B 1→2 (d_from_to)") && $0.contains("infeasible") }, "\(r.notes)")
        #expect(r.notes.contains { $0.contains("over the 2 ok pair(s) of 3") })
        let m = try t.numbers("malmquist")
        let gm = (m[0] * m[2]).squareRoot()
        #expect(try abs(r.summaryNumber("geometric_mean_malmquist") - gm) <= 1e-12)
        // Its own-period distances are reported; the infeasible one is empty.
        #expect(try abs(t.numbers("d_to_to")[1] - 1) <= 1e-12 && t.values(of: "d_from_to")![1] == .missing)
        // No infeasible pair: the key is null, not an empty list.
        let clean = try PluginHarness.run("dea", csvText: text, id: "id", ["--period", "t", "--inputs", "x", "--outputs", "y"])
        #expect(clean.summaryValue("infeasible_pairs") == .missing)
        #expect(try clean.summaryNumber("pairs_infeasible") == 0)
    }

    /// Options a Malmquist run would ignore are refused (exit 2), naming the option.
    @Test func ignoredOptionsAreRefused() throws {
        let text = "id,t,x,y,g\nA,1,1,1,a\nB,1,2,2,a\nA,2,1,1,a\nB,2,2,2,a\n"
        let base = ["--period", "t", "--inputs", "x", "--outputs", "y"]
        for (extra, name) in [(["--super"], "--super"), (["--scale"], "--scale"), (["--group-by", "g"], "--group-by")] {
            let e = #expect(throws: UsageError.self) { try PluginHarness.run("dea", csvText: text, id: "id", base + extra) }
            #expect(e?.message.contains(name) == true && e?.message.contains("--period") == true, "\(String(describing: e))")
        }
        let e = #expect(throws: UsageError.self) {
            try PluginHarness.run("dea", csvText: text, id: "id", ["--inputs", "x", "--outputs", "y", "--malmquist-reference", "global"])
        }
        #expect(e?.message.contains("--malmquist-reference") == true && e?.message.contains("--period") == true)
        #expect(throws: UsageError.self) { try PluginHarness.run("dea", csvText: text, id: "id", base + ["--malmquist-reference", "nope"]) }
        // Under VRS the index is VRS's own (Benchmarking's malmq convention): no pech/sech.
        let vrs = try PluginHarness.run("dea", csvText: text, id: "id", base + ["--rts", "vrs"])
        #expect(try vrs.requireTable("pairs").values(of: "pech") == nil && vrs.summaryValue("geometric_mean_pech") == nil)
    }
}
