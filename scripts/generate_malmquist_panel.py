#!/usr/bin/env python3
"""Seeded synthetic panel for the Malmquist peer checks (Datasets/malmquist_panel_24x4.csv).

Not real data: 24 units x 4 periods (balanced, as deaR's malmquist_index needs), 2 inputs,
2 outputs, built so that every part of the index is exercised: technical progress, catching up
and falling behind, variable returns to scale, and a few VRS cross-period programs that are
infeasible (a unit whose later outputs exceed what the earlier period's hull can produce).

    x1, x2 ~ U(5, 50) in period 1; each later period x *= U(0.9, 1.1)
    frontier  f_t(x) = A_t * (x1^0.4 * x2^0.3)^s_j,   A_t = 1.06^(t-1), s_j ~ U(0.8, 1.2) (scale)
    u_jt  ~ |N(0, 0.3^2)|                         inefficiency, drawn per period
    y1 = f_t(x) * exp(-u_jt) * w_j,  y2 = f_t(x) * exp(-u_jt) * (1 - w_j) * 2,  w_j ~ U(0.3, 0.7)

Values rounded to 4 decimals. Run: python3 scripts/generate_malmquist_panel.py > Datasets/malmquist_panel_24x4.csv
"""
import math
import random


def main(seed=20261204, units=24, periods=4):
    rng = random.Random(seed)
    base = [(rng.uniform(5, 50), rng.uniform(5, 50)) for _ in range(units)]
    scale = [rng.uniform(0.8, 1.2) for _ in range(units)]
    mix = [rng.uniform(0.3, 0.7) for _ in range(units)]
    print("unit,year,x1,x2,y1,y2")
    x = list(base)
    for t in range(periods):
        if t > 0:
            x = [(a * rng.uniform(0.9, 1.1), b * rng.uniform(0.9, 1.1)) for a, b in x]
        for j in range(units):
            a, b = x[j]
            f = 1.06 ** t * (a ** 0.4 * b ** 0.3) ** scale[j]
            u = abs(rng.gauss(0, 0.3))
            y = f * math.exp(-u)
            print(f"U{j + 1:02d},{2020 + t},{a:.4f},{b:.4f},{y * mix[j]:.4f},{y * (1 - mix[j]) * 2:.4f}")


if __name__ == "__main__":
    main()
