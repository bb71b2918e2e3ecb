import Foundation
import TolokCore
import TolokDEAModel
import TolokInsuranceModel

/// The board report of a branch comparison (`--format html|pdf`): the findings in words, a
/// ranked table, what each inefficient branch can learn and save, data-quality notes, the method
/// and five charts — as typed ``ReportContent``; the host's HTML renderer draws it.
extension BranchComparisonReport {
    /// An input is money when it is an underwriting component or carries fractional amounts
    /// (operating expenses); whole-number inputs (head counts) are not Rupiah.
    func isMoneyInput(_ i: Int) -> Bool {
        UnderwritingComponent(rawValue: inputNames[i]) != nil || inputs[i].contains { $0 != $0.rounded() }
    }

    /// Saving of input i by branch j in the input's units (actual − target; 0 when efficient or within tolerance).
    func absoluteSaving(_ j: Int, _ i: Int) -> Double {
        guard scores[j].status == .ok else { return 0 }
        let share = Self.saving(target: scores[j].inputTargets[i], actual: inputs[i][j])
        return share > 0 ? inputs[i][j] - scores[j].inputTargets[i] : 0
    }

    /// How many inefficient branches name each branch as a peer.
    var peerCounts: [Int] {
        var counts = [Int](repeating: 0, count: ids.count)
        for s in scores where s.status == .ok && !s.isEfficient {
            for p in s.peers where p.lambda > DEATolerance.classification { counts[p.unit] += 1 }
        }
        return counts
    }

    func reportContent(references: [String]) -> ReportContent {
        let n = ids.count
        let en = ReportNumbers(.en), id = ReportNumbers(.id)
        let eff = scores.map { $0.status == .ok ? $0.efficiency(.input) : Double.nan }
        let scored = scores.indices.filter { scores[$0].status == .ok && eff[$0].isFinite }
        let efficient = scored.filter { scores[$0].isEfficient }
        let inefficient = scored.filter { !scores[$0].isEfficient }
        let moneyInputs = inputNames.indices.filter(isMoneyInput)
        let otherInputs = inputNames.indices.filter { !isMoneyInput($0) }
        let savingByInput = inputNames.indices.map { i in (0..<n).map { absoluteSaving($0, i) } }
        let moneySaving = (0..<n).map { j in moneyInputs.reduce(0.0) { $0 + savingByInput[$1][j] } }
        let totalMoneySaving = moneySaving.reduce(0, +)
        let counts = peerCounts
        let learnedFrom = efficient.filter { counts[$0] > 0 }.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : ids[$0] < ids[$1] }
        let losses = (0..<n).filter { accounts[$0].underwritingResult < 0 }.sorted { accounts[$0].underwritingResult < accounts[$1].underwritingResult }
        let unscored = (0..<n).filter { scores[$0].status != .ok }
        func heading(_ name: String, _ lang: ReportLanguage) -> String { ReportMessages.heading(name, lang).lowercased() }
        func list(_ items: [String], and: String) -> String {
            items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " " + and + " " + items.last!
        }

        // MARK: Summary in words
        var sEn = "Of the \(n) branches, \(efficient.count) \(efficient.count == 1 ? "is" : "are") efficient (on the best-practice frontier) and \(inefficient.count) could produce the same outputs with fewer resources."
        var sId = "Dari \(n) cabang, \(efficient.count) cabang efisien (berada pada frontier praktik terbaik) dan \(inefficient.count) cabang dapat menghasilkan output yang sama dengan sumber daya lebih sedikit."
        if !moneyInputs.isEmpty {
            let parts = moneyInputs.map { i in (heading(inputNames[i], .en) + " Rp " + en.money(Decimal(savingByInput[i].reduce(0, +))),
                                               heading(inputNames[i], .id) + " Rp " + id.money(Decimal(savingByInput[i].reduce(0, +)))) }
            sEn += " If every inefficient branch worked like its peers, the total potential saving would be Rp \(en.money(Decimal(totalMoneySaving))) (\(parts.map(\.0).joined(separator: ", ")))"
            sId += " Jika setiap cabang yang tidak efisien bekerja seperti cabang acuannya, total potensi penghematan adalah Rp \(id.money(Decimal(totalMoneySaving))) (\(parts.map(\.1).joined(separator: ", ")))"
            for i in otherInputs {
                let t = savingByInput[i].reduce(0, +)
                sEn += ", and \(en.fixed(t, places: 1)) fewer \(heading(inputNames[i], .en))"
                sId += ", serta \(heading(inputNames[i], .id)) berkurang \(id.fixed(t, places: 1))"
            }
            sEn += "."; sId += "."
        }
        if !learnedFrom.isEmpty {
            let top = learnedFrom.prefix(3)
            sEn += " The branches most learned from are " + list(top.map { "\(ids[$0]) (peer of \(counts[$0]))" }, and: "and") + "."
            sId += " Cabang yang paling banyak dijadikan acuan adalah " + list(top.map { "\(ids[$0]) (acuan bagi \(counts[$0]) cabang)" }, and: "dan") + "."
        }
        if losses.isEmpty {
            sEn += " No branch makes an underwriting loss."
            sId += " Tidak ada cabang dengan hasil underwriting negatif."
        } else {
            sEn += " \(losses.count) \(losses.count == 1 ? "branch makes" : "branches make") an underwriting loss: " + list(losses.map { "\(ids[$0]) (Rp \(en.money(accounts[$0].underwritingResult)))" }, and: "and") + "."
            sId += " \(losses.count) cabang mencatat hasil underwriting negatif (rugi): " + list(losses.map { "\(ids[$0]) (Rp \(id.money(accounts[$0].underwritingResult)))" }, and: "dan") + "."
        }
        if !unscored.isEmpty {
            sEn += " \(unscored.count) could not be scored: " + list(unscored.map { "\(ids[$0]) (\(scores[$0].status.rawValue))" }, and: "and") + "."
            sId += " \(unscored.count) cabang tidak dapat dinilai: " + list(unscored.map { "\(ids[$0]) (\(scores[$0].status.rawValue))" }, and: "dan") + "."
        }

        sEn += " Rupiah amounts are in the units of the data file."
        sId += " Jumlah rupiah dalam satuan berkas data."

        // MARK: Ranked table
        let order = (0..<n).sorted { a, b in
            switch (eff[a].isFinite, eff[b].isFinite) {
            case (true, true): return eff[a] != eff[b] ? eff[a] > eff[b] : a < b
            case (true, false): return true
            case (false, true): return false
            default: return a < b
            }
        }
        let unitsTable = self.unitsTable()
        let rankColumn = unitsTable.values(of: "rank") ?? []
        var ranked = TableBuilder(name: "ranking", rows: n)
        ranked.add("rank", .integer) { rankColumn[order[$0]] }
        ranked.add("branch", .text) { .text(ids[order[$0]]) }
        ranked.add("efficiency") { .optional(eff[order[$0]]) }
        ranked.add("class", .text) { EfficiencyClass(scores[order[$0]], orientation: .input).map { .text($0.rawValue) } ?? .text(scores[order[$0]].status.rawValue) }
        if !moneyInputs.isEmpty { ranked.add("saving_total", .money) { .money(Decimal(moneySaving[order[$0]]).rounded2) } }
        ranked.add("gross_premium", .money) { .money(accounts[order[$0]][.grossPremium]) }
        ranked.add("underwriting_result", .money) { .money(accounts[order[$0]].underwritingResult) }
        ranked.add("combined_ratio", .fraction) { .fraction(accounts[order[$0]].combinedRatio) }
        if let recovery { ranked.add("recovery_rate", .fraction) { recovery.rate(order[$0]) } }

        // MARK: Learn from (per inefficient branch)
        let ineffOrder = order.filter { inefficient.contains($0) }
        var learn = TableBuilder(name: "learn_from", rows: ineffOrder.count)
        learn.add("branch", .text) { .text(ids[ineffOrder[$0]]) }
        learn.add("efficiency") { .optional(eff[ineffOrder[$0]]) }
        learn.add("peers", .peers) { k in
            let sorted = scores[ineffOrder[k]].peers.filter { $0.lambda > DEATolerance.classification }.sorted { $0.lambda > $1.lambda }
            return .peers(sorted.map { PeerWeight(id: ids[$0.unit], lambda: $0.lambda) },
                          text: sorted.map { "\(ids[$0.unit]) \(String(format: "%.3f", $0.lambda))" }.joined(separator: "; "))
        }
        for i in inputNames.indices {
            if isMoneyInput(i) {
                learn.add("rupiah_saving_" + inputNames[i], .money) { .money(Decimal(savingByInput[i][ineffOrder[$0]]).rounded2) }
            } else {
                learn.add("saving_" + inputNames[i]) { .number(savingByInput[i][ineffOrder[$0]]) }
            }
        }

        // MARK: Data quality in plain language
        var quality: [LocalizedText] = []
        for s in shifts {
            quality.append(LocalizedText(
                en: "Some branches have a negative \(heading(s.name, .en)) (lowest \(en.fixed(s.minimum, places: 2))). Efficiency analysis needs positive outputs, so the whole column was raised by the same amount (\(en.fixed(s.shift, places: 2))); this does not change any branch's efficiency score.",
                id: "Beberapa cabang memiliki \(heading(s.name, .id)) negatif (terendah \(id.fixed(s.minimum, places: 2))). Analisis efisiensi memerlukan output positif, sehingga seluruh kolom dinaikkan dengan jumlah yang sama (\(id.fixed(s.shift, places: 2))); hal ini tidak mengubah skor efisiensi cabang mana pun."))
        }
        if recovery == nil {
            quality.append(LocalizedText(en: "The file has no subrogation columns, so recovery rates are not shown.",
                                         id: "Berkas tidak memuat kolom subrogasi, sehingga tingkat pemulihan tidak ditampilkan."))
        } else if let recovery {
            let none = (0..<n).filter { recovery.claims[$0] == 0 }
            if !none.isEmpty {
                quality.append(LocalizedText(en: "No subrogated claims were paid at " + list(none.map { ids[$0] }, and: "and") + ", so there is no recovery rate for \(none.count == 1 ? "it" : "them") (shown as —).",
                                             id: "Tidak ada klaim bersubrogasi yang dibayar di " + list(none.map { ids[$0] }, and: "dan") + ", sehingga tingkat pemulihannya tidak ada (ditampilkan —)."))
            }
        }
        for j in unscored {
            quality.append(LocalizedText(en: "\(ids[j]) could not be scored (\(scores[j].status.rawValue)); it appears without efficiency.",
                                         id: "\(ids[j]) tidak dapat dinilai (\(scores[j].status.rawValue)); cabang ini ditampilkan tanpa efisiensi."))
        }
        let lowReserve = (0..<n).filter { accounts[$0].premiumReserveBelowMinimum(floor: UnderwritingAccount.minimumReserveShare) }
        if !lowReserve.isEmpty {
            quality.append(LocalizedText(en: "Closing premium reserve below 40% of retained premium at " + list(lowReserve.map { ids[$0] }, and: "and") + ".",
                                         id: "Cadangan premi akhir di bawah 40% dari premi retensi di " + list(lowReserve.map { ids[$0] }, and: "dan") + "."))
        }
        if quality.isEmpty { quality.append(LocalizedText(en: "No data problems were found.", id: "Tidak ditemukan masalah data.")) }

        // MARK: Method
        let method = LocalizedText(
            en: "Each branch is compared with the best combinations of the other branches (data envelopment analysis, input-oriented, variable returns to scale: Banker, Charnes & Cooper 1984). Inputs: \(inputNames.map { heading($0, .en) }.joined(separator: ", ")); outputs: \(outputNames.map { heading($0, .en) }.joined(separator: ", ")). A score of 1 means no other mix of branches produces as much with less; a score of 0.8 means the same outputs could be produced with 80% of every input. The peers are the efficient branches that form that better mix, with their weights; the saving is the branch's input minus its target. The underwriting result is gross premium less reinsurance premium and commission, plus reinsurance commission, less gross claims, plus reinsurance claims and the changes in the premium and claims reserves. Amounts are in the units of the data file.",
            id: "Setiap cabang dibandingkan dengan kombinasi terbaik dari cabang-cabang lain (data envelopment analysis, berorientasi input, skala hasil variabel: Banker, Charnes & Cooper 1984). Input: \(inputNames.map { heading($0, .id) }.joined(separator: ", ")); output: \(outputNames.map { heading($0, .id) }.joined(separator: ", ")). Skor 1 berarti tidak ada kombinasi cabang lain yang menghasilkan sebanyak itu dengan sumber daya lebih sedikit; skor 0,8 berarti output yang sama dapat dihasilkan dengan 80% dari setiap input. Cabang acuan adalah cabang efisien yang membentuk kombinasi tersebut, beserta bobotnya; penghematan adalah input cabang dikurangi targetnya. Hasil underwriting adalah premi bruto dikurangi premi reasuransi dan komisi, ditambah komisi reasuransi, dikurangi klaim bruto, ditambah klaim reasuransi serta perubahan cadangan premi dan cadangan klaim. Jumlah uang dalam satuan berkas data.")

        // MARK: Charts
        var charts: [ReportChart] = []
        let byEff = scored.sorted { eff[$0] != eff[$1] ? eff[$0] > eff[$1] : $0 < $1 }
        charts.append(.bars(title: LocalizedText(en: "Efficiency by branch (1 = best practice)", id: "Efisiensi per cabang (1 = praktik terbaik)"),
                            labels: byEff.map { ids[$0] }, values: byEff.map { eff[$0] }, format: .score, referenceLine: 1))
        let savers = (0..<n).filter { moneySaving[$0] > 0 }
        if !moneyInputs.isEmpty && !savers.isEmpty {
            let savers = savers.sorted { moneySaving[$0] != moneySaving[$1] ? moneySaving[$0] > moneySaving[$1] : $0 < $1 }
            charts.append(.stackedBars(
                title: LocalizedText(en: "Potential saving by branch (Rp), by input", id: "Potensi penghematan per cabang (Rp), per input"),
                labels: savers.map { ids[$0] },
                series: moneyInputs.map { i in (LocalizedText(en: ReportMessages.heading(inputNames[i], .en), id: ReportMessages.heading(inputNames[i], .id)),
                                                savers.map { savingByInput[i][$0] }) },
                format: .money,
                caption: LocalizedText(en: "Company total: Rp \(en.money(Decimal(totalMoneySaving)))", id: "Total perusahaan: Rp \(id.money(Decimal(totalMoneySaving)))")))
        }
        let peersSorted = efficient.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        charts.append(.bars(title: LocalizedText(en: "How often each efficient branch is a peer", id: "Seberapa sering setiap cabang efisien menjadi acuan"),
                            labels: peersSorted.map { ids[$0] }, values: peersSorted.map { Double(counts[$0]) }, format: .count, referenceLine: nil))
        let points = scored.compactMap { j -> (label: String, x: Double, y: Double)? in
            guard let cr = accounts[j].combinedRatio else { return nil }
            return (ids[j], eff[j], Double(nearest: cr))
        }
        charts.append(.scatter(
            title: LocalizedText(en: "Efficiency against combined ratio", id: "Efisiensi terhadap rasio gabungan"),
            xLabel: LocalizedText(en: "Efficiency", id: "Efisiensi"), yLabel: LocalizedText(en: "Combined ratio", id: "Rasio gabungan"),
            points: points, xFormat: .score, yFormat: .percent, xSplit: 1 - 1e-3, ySplit: 1,
            quadrants: [LocalizedText(en: "inefficient, loss-making", id: "tidak efisien, rugi"),
                        LocalizedText(en: "efficient, loss-making", id: "efisien, rugi"),
                        LocalizedText(en: "efficient, profitable", id: "efisien, untung"),
                        LocalizedText(en: "inefficient, profitable", id: "tidak efisien, untung")],
            diagonal: false))
        if n > 0 {
            let j = losses.first ?? (0..<n).max { accounts[$0][.grossPremium] < accounts[$1][.grossPremium] }!
            let a = accounts[j]
            func d(_ x: Decimal) -> Double { Double(nearest: x) }
            let steps: [(label: LocalizedText, value: Double)] = [
                (LocalizedText(en: "Reinsurance premium", id: "Premi reasuransi"), -d(a[.reinsurancePremium])),
                (LocalizedText(en: "Commission", id: "Komisi"), -d(a[.commission])),
                (LocalizedText(en: "Reinsurance commission", id: "Komisi reasuransi"), d(a[.reinsuranceCommission])),
                (LocalizedText(en: "Gross claims", id: "Klaim bruto"), -d(a[.grossClaims])),
                (LocalizedText(en: "Reinsurance claims", id: "Klaim reasuransi"), d(a[.reinsuranceClaims])),
                (LocalizedText(en: "Premium reserve change", id: "Perubahan cadangan premi"), d(a.premiumReserveChange)),
                (LocalizedText(en: "Claims reserve change", id: "Perubahan cadangan klaim"), d(a.claimsReserveChange)),
            ]
            charts.append(.waterfall(
                title: LocalizedText(en: "Underwriting account of \(ids[j]) (Rp)", id: "Akun underwriting cabang \(ids[j]) (Rp)"),
                start: (LocalizedText(en: "Gross premium", id: "Premi bruto"), d(a[.grossPremium])), steps: steps,
                end: LocalizedText(en: "Underwriting result", id: "Hasil underwriting"), format: .money))
        }

        var content = ReportContent(
            title: LocalizedText(en: "Branch comparison: efficiency and underwriting", id: "Perbandingan cabang: efisiensi dan hasil underwriting"),
            sections: [
                ReportSection(id: "summary-words", title: LocalizedText(en: "Summary", id: "Ringkasan"), paragraphs: [LocalizedText(en: sEn, id: sId)],
                              charts: Array(charts.prefix(1))),
                ReportSection(id: "ranking", title: LocalizedText(en: "Branches ranked by efficiency", id: "Peringkat cabang menurut efisiensi"),
                              tables: [ranked.table]),
                ReportSection(id: "learn-from", title: LocalizedText(en: "What each inefficient branch can learn and save", id: "Pelajaran dan potensi penghematan tiap cabang yang tidak efisien"),
                              paragraphs: [LocalizedText(en: "Peers are listed with their weights (the share of each peer in the better mix).", id: "Cabang acuan dicantumkan beserta bobotnya (porsi tiap cabang acuan dalam kombinasi yang lebih baik).")],
                              tables: [learn.table], charts: charts.count > 1 ? [charts[1]] : []),
                ReportSection(id: "charts", title: LocalizedText(en: "Peers, profitability and the underwriting account", id: "Cabang acuan, profitabilitas dan akun underwriting"),
                              charts: Array(charts.dropFirst(2))),
                periodsSection(),
                ReportSection(id: "data-quality", title: LocalizedText(en: "Data quality", id: "Kualitas data"), items: quality),
                ReportSection(id: "method", title: LocalizedText(en: "Method", id: "Metode"), paragraphs: [method]),
            ],
            includeGenericTables: true,
            // Published references only: the reader has no copy of the internal working documents.
            references: references.filter { !$0.hasPrefix("Working document") })
        content.includeNotes = false
        content.sections.removeAll { $0.id.isEmpty }
        return content
    }

    /// With --period: efficiency change and Malmquist index per branch (latest pair of periods charted).
    func periodsSection() -> ReportSection {
        guard let periods, let last = periods.pairs.last else { return ReportSection(id: "", title: LocalizedText("")) }
        let latest = periods.pairs.filter { $0.from == last.from && $0.to == last.to && $0.status == .ok && $0.distances != nil }
            .sorted { $0.distances!.index > $1.distances!.index }
        let growth = latest.filter { $0.distances!.index > 1 }.count
        let without = periods.pairs.filter { $0.from == last.from && $0.to == last.to }.filter { $0.status != .ok }
        let missingEn = without.isEmpty ? "" : " \(without.count) \(without.count == 1 ? "branch has" : "branches have") no index (\(without.map { "\($0.id): \($0.status.rawValue)" }.joined(separator: ", "))): infeasible means the other period's frontier cannot reach the branch under variable returns to scale; missing_data that it is absent from one period."
        let missingId = without.isEmpty ? "" : " \(without.count) cabang tidak memiliki indeks (\(without.map { "\($0.id): \($0.status.rawValue)" }.joined(separator: ", "))): infeasible berarti frontier periode lain tidak dapat menjangkau cabang tersebut pada skala hasil variabel; missing_data berarti cabang tidak ada di salah satu periode."
        return ReportSection(
            id: "periods",
            title: LocalizedText(en: "Change between periods", id: "Perubahan antarperiode"),
            paragraphs: [LocalizedText(
                en: "From \(last.from) to \(last.to), \(growth) of \(latest.count) branches improved their productivity (Malmquist index above 1). The index is the product of the efficiency change (catching up with the frontier) and the technical change (the frontier itself moving); input-oriented, variable returns to scale (Färe, Grosskopf, Norris & Zhang 1994)." + missingEn,
                id: "Dari \(last.from) ke \(last.to), \(growth) dari \(latest.count) cabang meningkatkan produktivitasnya (indeks Malmquist di atas 1). Indeks ini adalah hasil kali perubahan efisiensi (mengejar frontier) dan perubahan teknis (pergeseran frontier itu sendiri); berorientasi input, skala hasil variabel (Färe, Grosskopf, Norris & Zhang 1994)." + missingId)],
            charts: latest.isEmpty ? [] : [.bars(title: LocalizedText(en: "Malmquist index by branch, \(last.from) → \(last.to) (1 = no change)",
                                                id: "Indeks Malmquist per cabang, \(last.from) → \(last.to) (1 = tidak berubah)"),
                           labels: latest.map(\.id), values: latest.map { $0.distances!.index }, format: .score, referenceLine: 1)])
    }
}

extension Decimal {
    /// Rounded half away from zero to cents (savings computed in Double are shown as money).
    var rounded2: Decimal {
        var v = self, r = Decimal()
        NSDecimalRound(&r, &v, 2, .plain)
        return r
    }
}
