#!/usr/bin/env python3
"""scipy peer of `tolok run sfa` for `tolok bench e2e sfa` (the reference fit the bench times).

Adapted from ../shared/peers/reference.py (`reference.py sfa`), the project's shared peer scripts,
so that the repository stands alone; the same mathematics, fit and output:

Half-normal production frontier on data already in logs, y_i = x_i'beta + v_i - u_i with
v_i ~ N(0, sigma_v^2), u_i ~ |N(0, sigma_u^2)|. With sigma^2 = sigma_v^2 + sigma_u^2,
lambda = sigma_u / sigma_v, e_i = y_i - x_i'beta and z_i = e_i / sigma, the log-likelihood is

    ll = sum_i [ log 2 - log sigma - log sqrt(2 pi) - z_i^2 / 2 + log Phi(-lambda z_i) ].

Parameters theta = (beta, log sigma, log lambda); the gradient is analytic, with
r_i = phi(a_i) / Phi(a_i), a_i = -lambda z_i (computed as exp(-a^2/2 - log sqrt(2 pi) - log Phi(a))):

    d ll / d beta        = X' (z + lambda r) / sigma
    d ll / d log sigma   = sum (-1 + z^2 + lambda r z)
    d ll / d log lambda  = sum (r a).

scipy BFGS (gtol 1e-6, at most 1000 iterations) from OLS (beta_OLS, log sigma from the OLS residual
variance, log lambda = 0) — the fastest plain-Python way a user would write it. The time reported
covers the fit only (data already in memory as numpy arrays), not reading the CSV.

Usage: sfa_scipy.py --data FILE --y COL --x A,B,...
Prints JSON {beta, sigma_v, sigma_u, loglik, seconds}. Needs numpy and scipy.
"""
import argparse, json, time
import numpy as np
from scipy import optimize, special

HALF_LOG_2PI = 0.5 * np.log(2.0 * np.pi)
LOG_2 = np.log(2.0)


def read_columns(path, names):
    """The named columns of a CSV file with a header row, as a float matrix (rows x names)."""
    with open(path) as f:
        header = f.readline().rstrip("\r\n").split(",")
        idx = [header.index(n) for n in names]
        rows = [line.rstrip("\r\n").split(",") for line in f if line.strip()]
    return np.array([[float(r[i]) for i in idx] for r in rows])


def negative_loglik(theta, X, y):
    k = X.shape[1]
    beta, log_sigma, log_lambda = theta[:k], theta[k], theta[k + 1]
    sigma, lam = np.exp(log_sigma), np.exp(log_lambda)
    z = (y - X @ beta) / sigma
    a = -lam * z
    log_cdf = special.log_ndtr(a)
    r = np.exp(-0.5 * a * a - HALF_LOG_2PI - log_cdf)
    ll = np.sum(LOG_2 - log_sigma - HALF_LOG_2PI - 0.5 * z * z + log_cdf)
    grad = np.concatenate([X.T @ ((z + lam * r) / sigma), [np.sum(-1.0 + z * z + lam * r * z), np.sum(r * a)]])
    return -ll, -grad


def fit(X, y):
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    e = y - X @ beta
    start = np.concatenate([beta, [0.5 * np.log(e @ e / len(y)), 0.0]])
    res = optimize.minimize(negative_loglik, start, args=(X, y), jac=True, method="BFGS",
                            options={"gtol": 1e-6, "maxiter": 1000})
    k = X.shape[1]
    sigma, lam = np.exp(res.x[k]), np.exp(res.x[k + 1])
    root = np.sqrt(1.0 + lam * lam)
    return res.x[:k], sigma / root, sigma * lam / root, -res.fun


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", required=True)
    p.add_argument("--y", required=True)
    p.add_argument("--x", required=True)
    a = p.parse_args()
    X = read_columns(a.data, a.x.split(","))
    X = np.column_stack([np.ones(len(X)), X])
    y = read_columns(a.data, [a.y])[:, 0]
    t = time.perf_counter()
    beta, sigma_v, sigma_u, loglik = fit(X, y)
    t = time.perf_counter() - t
    print(json.dumps({"beta": list(beta), "sigma_v": sigma_v, "sigma_u": sigma_u, "loglik": loglik, "seconds": t}))
