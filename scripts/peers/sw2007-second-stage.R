# The synthetic second-stage dataset and R's reference outputs for `tolok run dea-second-stage`
# (issue #20; docs/DEA.md "Second stage").
#
# 1. Datasets/sw2007_synthetic_100.csv: n = 100 units drawn from the data-generating process of
#    Simar & Wilson (2007, J. Econometrics 136, 31-64; their Monte-Carlo design with p = q = 1) as we read it:
#    x ~ U(6, 16); z1 ~ N(2, 2^2); delta = beta0 + beta1 z1 + eps, eps ~ N(0, 1) left-truncated
#    at 1 - beta0 - beta1 z1 (so delta >= 1), beta0 = beta1 = 0.5; y = x^(3/4) / delta
#    (output orientation: delta is the Farrell output measure of the unit under the true VRS
#    frontier y = x^(3/4)). Our addition: z2 ~ N(0, 1) with coefficient 0 (an irrelevant
#    environmental variable), and the true delta as column delta_true.
# 2. Datasets/sw2007_synthetic_100_truncreg.R.csv: truncreg(y ~ z1 + z2, point = 1,
#    direction = "left") (R package truncreg) for y = delta_true (all 100 units) and for
#    y = the DEA output and input distances (VRS; rDEA::dea) of the units with delta > 1 + 1e-5:
#    coefficients, sigma, their standard errors (vcov) and the log-likelihood (method = "NR",
#    run to convergence).
# 3. Datasets/sw2007_synthetic_100_env_robust_<seed>.R.csv: rDEA::dea.env.robust (Algorithm 2,
#    output orientation, VRS, L1 = 100, L2 = 2000, alpha = 0.05) for two seeds: beta_hat
#    (first-stage ML), beta_hat_hat (ML on the bias-corrected distances), the bootstrap mean and
#    the 95 % interval of each coefficient and of sigma; and the same under input orientation
#    (seed 3: ..._env_robust_input_3.R.csv).
#
# Usage (from the repository root): Rscript scripts/peers/sw2007-second-stage.R
# Needs R packages truncreg (>= 0.2-5) and rDEA (>= 1.2-8; it needs Rglpk, truncnorm, slam, maxLik).
suppressMessages({ library(truncreg); library(rDEA) })
options(digits = 17)
set.seed(2007)
n <- 100
x <- runif(n, 6, 16)
z1 <- rnorm(n, 2, 2)
z2 <- rnorm(n, 0, 1)
beta0 <- 0.5; beta1 <- 0.5
mu <- beta0 + beta1 * z1
eps <- truncnorm::rtruncnorm(n, a = 1 - mu, b = Inf, mean = 0, sd = 1)
delta <- mu + eps
y <- x^(3 / 4) / delta
d <- data.frame(unit = sprintf("u%03d", 1:n), x = x, y = y, z1 = z1, z2 = z2, delta_true = delta)
# 17 significant digits, no padding: the file holds the doubles exactly.
digits17 <- function(df) { df[] <- lapply(df, function(v) if (is.numeric(v)) trimws(formatC(v, digits = 17, format = "g")) else v); df }
write.csv(digits17(d), "Datasets/sw2007_synthetic_100.csv", row.names = FALSE, quote = FALSE)
d <- read.csv("Datasets/sw2007_synthetic_100.csv")   # the values as committed (17 digits)

fit <- function(name, yy, Z) {
  df <- data.frame(yy = yy, z1 = Z[, 1], z2 = Z[, 2])
  # Newton-Raphson on truncreg's analytic Hessian, to convergence. truncreg's default (BFGS with
  # iterlim = 50, which rDEA calls) stops short on the delta_true fit: log-likelihood 5e-6 lower,
  # coefficients 1e-3 off.
  t <- truncreg(yy ~ z1 + z2, data = df, point = 1, direction = "left", method = "NR", iterlim = 200)
  stopifnot(t$code <= 2)
  co <- coef(t); se <- sqrt(diag(vcov(t)))
  data.frame(fit = name, term = c("const", "z1", "z2", "sigma"), estimate = unname(co), std_error = unname(se),
             log_likelihood = as.numeric(logLik(t)), n = nrow(df))
}
Z <- as.matrix(d[, c("z1", "z2")])
dea_out <- rDEA::dea(XREF = d[, "x", drop = FALSE], YREF = d[, "y", drop = FALSE], X = d[, "x", drop = FALSE],
                     Y = d[, "y", drop = FALSE], model = "output", RTS = "variable")
dhat <- 1 / dea_out$thetaOpt
dhat[1 - 1e-5 < dhat & dhat < 1 + 1e-5] <- 1
used <- dhat > 1
dea_in <- rDEA::dea(XREF = d[, "x", drop = FALSE], YREF = d[, "y", drop = FALSE], X = d[, "x", drop = FALSE],
                    Y = d[, "y", drop = FALSE], model = "input", RTS = "variable")
dhat_in <- 1 / dea_in$thetaOpt
dhat_in[1 - 1e-5 < dhat_in & dhat_in < 1 + 1e-5] <- 1
used_in <- dhat_in > 1
ref <- rbind(fit("delta_true", d$delta_true, Z), fit("dea_vrs_output", dhat[used], Z[used, , drop = FALSE]),
             fit("dea_vrs_input", dhat_in[used_in], Z[used_in, , drop = FALSE]))
write.csv(digits17(ref), "Datasets/sw2007_synthetic_100_truncreg.R.csv", row.names = FALSE, quote = FALSE)
cat("DEA VRS output: m =", sum(used), "units with delta > 1 + 1e-5\n")

for (run in list(list(1, "output"), list(2, "output"), list(3, "input"))) {
  seed <- run[[1]]; orientation <- run[[2]]
  set.seed(seed)
  t0 <- Sys.time()
  r <- dea.env.robust(X = d[, "x", drop = FALSE], Y = d[, "y", drop = FALSE], Z = Z, model = orientation,
                      RTS = "variable", L1 = 100, L2 = 2000, alpha = 0.05)
  out <- data.frame(term = c("const", "z1", "z2", "sigma"),
                    beta_hat = c(r$beta_hat, r$sigma_hat),
                    beta_hat_hat = c(r$beta_hat_hat, r$sigma_hat_hat),
                    bootstrap_mean = c(r$beta_hat_hat_star, r$sigma_hat_hat_star),
                    lower = c(r$beta_ci[, 1], r$sigma_ci[1]), upper = c(r$beta_ci[, 2], r$sigma_ci[2]))
  f <- if (orientation == "output") sprintf("Datasets/sw2007_synthetic_100_env_robust_%d.R.csv", seed) else
    sprintf("Datasets/sw2007_synthetic_100_env_robust_input_%d.R.csv", seed)
  write.csv(digits17(out), f, row.names = FALSE, quote = FALSE)
  cat(f, ": ", format(Sys.time() - t0), "; mean bias-corrected distance used:", r$delta_hat_hat_used, "\n")
}
cat("R", R.version.string, "; truncreg", as.character(packageVersion("truncreg")), "; rDEA", as.character(packageVersion("rDEA")), "\n")
