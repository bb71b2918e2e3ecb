/// The one English/Indonesian vocabulary of column roles: every header name any plugin
/// recognises is defined here, once, for exactly one role (docs/INSURANCE.md, "Column names"
/// lists them). The organisational levels are kept apart: `kantor wilayah` is a region,
/// `kantor cabang` a branch, `KCP`/`kantor cabang pembantu` a unit, and plain `kantor` an office.
extension ColumnRole {
    // MARK: Organisation

    /// A regional office, province or programme area (a coverage row).
    public static let region = ColumnRole("region", "region", aliases: ["wilayah", "kantor wilayah", "kanwil", "provinsi", "province", "area", "programme", "program"])
    /// A branch office (*kantor cabang*).
    public static let branch = ColumnRole("branch", "branch", aliases: ["cabang", "kantor cabang", "branch office"])
    /// A bank's sub-branch or service unit (*kantor cabang pembantu*, KCP), below the branch.
    public static let unit = ColumnRole("unit", "unit/KCP", aliases: ["kcp", "unit kcp", "unit/kcp", "kantor cabang pembantu"])
    /// An office of unspecified level (*kantor*).
    public static let office = ColumnRole("office", "office", aliases: ["kantor"])
    /// The partner bank (*mitra*) of a credit guarantee.
    public static let bank = ColumnRole("bank", "bank", aliases: ["nama bank", "bank penyalur", "bank penerima jaminan", "mitra"])

    // MARK: Keys

    public static let period = ColumnRole("period", "period", aliases: ["periode", "tahun", "year", "bulan", "month"])
    public static let classOfBusiness = ColumnRole("class", "class of business", aliases: ["class of business", "line of business", "lob", "kelas", "kelas bisnis", "jenis asuransi", "produk"])
    public static let segment = ColumnRole("segment", "participant segment", aliases: ["segmen", "segmen peserta", "kategori", "kategori peserta", "jenis peserta", "participant segment"])

    // MARK: Underwriting account (working document 003 §2.4.2 and its worked example's abbreviations)

    public static let grossPremium = ColumnRole("gross_premium", "gross premium", aliases: ["gross premium", "premi bruto", "premi gross", "gross written premium", "gwp"])
    public static let reinsurancePremium = ColumnRole("reinsurance_premium", "reinsurance premium", aliases: ["reinsurance premium", "premi reasuransi", "premi ra", "ri premium", "ceded premium"])
    public static let commission = ColumnRole("commission", "commission paid", aliases: ["commission paid", "komisi", "komisi operasional", "komisi cabang", "komisi penutupan", "acquisition commission"])
    public static let reinsuranceCommission = ColumnRole("reinsurance_commission", "reinsurance commission", aliases: ["reinsurance commission", "komisi reasuransi", "komisi ra", "ri commission"])
    public static let grossClaims = ColumnRole("gross_claims", "gross claims", aliases: ["gross claims", "gross claim", "klaim bruto", "klaim gross", "claim gross"])
    public static let reinsuranceClaims = ColumnRole("reinsurance_claims", "reinsurance claims recovered", aliases: ["reinsurance claims", "reinsurance claims recovered", "reinsurance recoveries", "klaim reasuransi", "klaim ra", "claim ra", "recovery klaim reasuransi"])
    public static let premiumReserveOpening = ColumnRole("premium_reserve_opening", "opening premium reserve", aliases: ["opening premium reserve", "premium reserve opening", "cadangan premi awal", "cad premi awal"])
    public static let premiumReserveClosing = ColumnRole("premium_reserve_closing", "closing premium reserve", aliases: ["closing premium reserve", "premium reserve closing", "cadangan premi akhir", "cad premi akhir"])
    public static let claimsReserveOpening = ColumnRole("claims_reserve_opening", "opening claims reserve", aliases: ["opening claims reserve", "claims reserve opening", "cadangan klaim awal", "cad klaim awal"])
    public static let claimsReserveClosing = ColumnRole("claims_reserve_closing", "closing claims reserve", aliases: ["closing claims reserve", "claims reserve closing", "cadangan klaim akhir", "cad klaim akhir"])

    /// The ten components of an underwriting account, keyed by the components' machine names.
    public static let underwritingComponents: [ColumnRole] = [
        grossPremium, reinsurancePremium, commission, reinsuranceCommission, grossClaims, reinsuranceClaims,
        premiumReserveOpening, premiumReserveClosing, claimsReserveOpening, claimsReserveClosing,
    ]

    // MARK: Risk placement

    public static let sumInsured = ColumnRole("sum_insured", "sum insured", aliases: ["nilai pertanggungan", "uang pertanggungan", "tsi", "total sum insured"])
    public static let rate = ColumnRole("rate", "premium rate", aliases: ["tarif", "rate premi", "premium rate", "suku premi"])
    public static let treatyCapacity = ColumnRole("treaty_capacity", "automatic treaty capacity", aliases: ["treaty", "kapasitas treaty", "kapasitas otomatis", "treaty capacity"])
    public static let facultative = ColumnRole("facultative", "facultative placement", aliases: ["fakultatif", "facultative placement", "penempatan fakultatif"])
    public static let equity = ColumnRole("equity", "equity", aliases: ["modal sendiri", "ekuitas", "modal", "own funds"])

    // MARK: Subrogation ledger, account statements and splits

    public static let debtor = ColumnRole("debtor", "debtor name", aliases: ["debtor name", "nama", "nama debitur", "debitur", "name"])
    public static let account = ColumnRole("account", "account number", aliases: ["account number", "no rekening", "nomor rekening", "rekening", "norek", "no rek"])
    public static let claimPaid = ColumnRole("claim_paid", "claim paid", aliases: ["claims paid", "klaim", "klaim dibayar", "nilai klaim", "klaim yang dibayar"])
    public static let stgrDate = ColumnRole("stgr_date", "STGR date", aliases: ["stgr", "tanggal stgr", "tgl stgr"])
    public static let shs = ColumnRole("shs", "SHS balance", aliases: ["saldo shs", "saldo hak subrogasi", "shs balance", "hak subrogasi"])
    public static let transactionDate = ColumnRole("date", "transaction date", aliases: ["tanggal", "tgl", "tanggal transaksi", "tgl transaksi", "transaction date"])
    public static let transactionDescription = ColumnRole("description", "description", aliases: ["keterangan", "uraian", "deskripsi"])
    public static let debit = ColumnRole("debit", "debit", aliases: ["debet", "mutasi debet"])
    public static let credit = ColumnRole("credit", "credit", aliases: ["kredit", "mutasi kredit"])
    public static let userID = ColumnRole("user_id", "user id", aliases: ["user id", "userid", "user", "id user"])
    public static let insurerShare = ColumnRole("insurer_share", "insurer's share", aliases: ["insurer share", "share", "porsi", "porsi penjamin", "porsi asuransi", "bagian penjamin"])
    /// A loan's outstanding balance (*baki debet*): of a loan book, or after a statement's
    /// transaction (there read under the key `balance`, ``statementBalance``).
    public static let outstanding = ColumnRole("outstanding", "outstanding balance (baki debet)", aliases: ["baki debet", "outstanding balance", "balance", "saldo", "os", "saldo pinjaman", "sisa pinjaman", "plafon outstanding"])
    /// ``outstanding`` as a statement column, keyed `balance`.
    public static let statementBalance = outstanding.keyed("balance")

    // MARK: Loans

    public static let daysPastDue = ColumnRole("days_past_due", "days past due", aliases: ["dpd", "hari tunggakan", "jumlah hari tunggakan", "tunggakan hari", "days overdue", "days in arrears"])

    // MARK: Contributions and coverage

    public static let billed = ColumnRole("billed", "contributions billed", aliases: ["tagihan", "iuran ditagih", "iuran tagihan", "iuran terutang", "billed amount", "contribution billed", "contributions billed"])
    public static let received = ColumnRole("received", "contributions received", aliases: ["diterima", "iuran diterima", "iuran dibayar", "pembayaran", "received amount", "paid amount", "contribution received", "contributions received"])
    public static let dueDate = ColumnRole("due_date", "due date", aliases: ["jatuh tempo", "tanggal jatuh tempo", "tgl jatuh tempo"])
    public static let paidDate = ColumnRole("paid_date", "payment date", aliases: ["payment date", "tanggal bayar", "tgl bayar", "tanggal pembayaran"])
    public static let participants = ColumnRole("participants", "participants", aliases: ["peserta", "jumlah peserta", "members", "covered", "insured"])
    public static let population = ColumnRole("population", "target population", aliases: ["penduduk", "jumlah penduduk", "target population", "populasi", "sasaran", "target"])

    /// Every role of the vocabulary (``statementBalance`` is ``outstanding`` under another key).
    static let vocabulary: [ColumnRole] = [region, branch, unit, office, bank, period, classOfBusiness, segment]
        + underwritingComponents
        + [sumInsured, rate, treatyCapacity, facultative, equity,
           debtor, account, claimPaid, stgrDate, shs, transactionDate, transactionDescription, debit, credit, userID, insurerShare, outstanding,
           daysPastDue, billed, received, dueDate, paidDate, participants, population]
}
