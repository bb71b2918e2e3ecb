#!/usr/bin/env python3
"""Seeded synthetic branch data of an Indonesian general insurer (Datasets/branches/).

Not real data: a plausible, documented generator so that management's branch comparison
(underwriting + DEA) can be run and tested end to end. Amounts in millions of rupiah.

    staff_j         ~ U(15, 120)                           head count
    opex_j          = staff_j * U(180, 260) / 1000 * 1000  operating expenses (IDR m)
    potential_j     = 9.5 * staff_j^0.45 * opex_j^0.5      frontier premium (decreasing RTS)
    u_j             ~ |N(0, 0.35^2)|                       inefficiency
    gross premium   = potential_j * exp(-u_j)
    commission      = gross * U(0.10, 0.22)
    reinsurance     = gross * U(0.15, 0.35); RI commission = reinsurance * U(0.20, 0.30)
    gross claims    = gross * U(0.35, 0.95); RI claims = gross claims * ri share * U(0.8, 1.1)
    reserves        premium: 40-45% of retained (opening), 32-50% (closing, so some fall below 40%)
                    claims: 10-20% of gross claims
    subrogation     claims paid on credit insurance U(0.05, 0.15) * gross claims; recoveries
                    (insurer's share) U(0.05, 0.45) of that

Run: python3 scripts/generate_branches.py > Datasets/branches/branches_2025.csv
"""
import numpy as np

BRANCHES = ["Jakarta Pusat", "Jakarta Selatan", "Bandung", "Surabaya", "Medan", "Semarang",
            "Makassar", "Palembang", "Denpasar", "Yogyakarta", "Balikpapan", "Pekanbaru",
            "Padang", "Malang", "Pontianak", "Banjarmasin", "Manado", "Batam",
            "Bandar Lampung", "Jambi", "Kupang", "Ambon", "Jayapura", "Mataram"]


def main(seed=2025):
    rng = np.random.default_rng(seed)
    n = len(BRANCHES)
    staff = rng.integers(15, 121, size=n)
    opex = staff * rng.uniform(180, 260, size=n)
    potential = 9.5 * staff ** 0.45 * opex ** 0.5
    u = np.abs(rng.normal(0, 0.35, size=n))
    gross = potential * np.exp(-u)
    commission = gross * rng.uniform(0.10, 0.22, size=n)
    ri_share = rng.uniform(0.15, 0.35, size=n)
    ri_premium = gross * ri_share
    ri_commission = ri_premium * rng.uniform(0.20, 0.30, size=n)
    claims = gross * rng.uniform(0.35, 0.95, size=n)
    ri_claims = claims * ri_share * rng.uniform(0.8, 1.1, size=n)
    retained = gross - ri_premium - commission + ri_commission
    pr_open = retained * rng.uniform(0.40, 0.45, size=n)
    pr_close = retained * rng.uniform(0.32, 0.50, size=n)
    cr_open = claims * rng.uniform(0.10, 0.20, size=n)
    cr_close = claims * rng.uniform(0.10, 0.20, size=n)
    subro_paid = claims * rng.uniform(0.05, 0.15, size=n)
    subro_rec = subro_paid * rng.uniform(0.05, 0.45, size=n)
    cols = ["branch", "staff", "operating_expenses", "gross_premium", "reinsurance_premium", "commission",
            "reinsurance_commission", "gross_claims", "reinsurance_claims", "premium_reserve_opening",
            "premium_reserve_closing", "claims_reserve_opening", "claims_reserve_closing",
            "subrogation_claims_paid", "subrogation_recoveries"]
    print(",".join(cols))
    for j in range(n):
        money = [opex[j], gross[j], ri_premium[j], commission[j], ri_commission[j], claims[j], ri_claims[j],
                 pr_open[j], pr_close[j], cr_open[j], cr_close[j], subro_paid[j], subro_rec[j]]
        print(",".join([BRANCHES[j], str(int(staff[j]))] + [f"{x:.2f}" for x in money]))


if __name__ == "__main__":
    main()
