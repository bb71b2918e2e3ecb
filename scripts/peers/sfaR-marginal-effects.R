# Reference marginal effects of the inefficiency determinants on E(u) and V(u) (Wang 2002),
# per unit, from the R package sfaR 1.0.1 (sfacross + marginal) on the utility data in
# logs (Datasets/sfaR_utility_logs.csv: ltc = ln(tc/wf), ly, lwl, lwk, regu), cost frontier.
# Four models: truncated normal with lwk in both mu and ln sigma_u^2 (and regu in ln sigma_u^2
# only), truncated normal with disjoint mu (regu) and ln sigma_u^2 (lwl) covariates,
# half-normal and exponential with ln sigma_u^2 = g0 + g1 regu. sfaR's marginal() prints no
# standard errors; the log-likelihood of each fit is written beside the effects.
# Writes Datasets/sfaR_utility_marginal_effects.R.csv (long: model, id, variable, d_mean_u, d_var_u, loglik).
#   Rscript scripts/peers/sfaR-marginal-effects.R
# sfaR is not a Debian package and CRAN is not reachable here: it was built from the snapshot
# github.com/cran/sfaR (1.0.1, commit eea98614f515903f80358896a5aced4b91250ff8) with
# `R CMD INSTALL --library=LIB` of, in this order, the cran/* snapshots fastGHQuad, marqLevAlg,
# hpa 1.3.3 (commit de48864; 1.3.4 needs Rcpp >= 1.1.1), mnorm, qrng, rngWELL, randtoolbox, texreg,
# trustOptim and sfaR, the rest from Debian (r-cran-cubature, r-cran-rcppparallel, r-cran-maxlik,
# r-cran-plm, r-cran-sandwich, r-cran-nleqslv, r-cran-ucminf, r-cran-formula, ...); then run with
# R_LIBS=LIB.
suppressPackageStartupMessages(library(sfaR))
d <- read.csv("Datasets/sfaR_utility_logs.csv")
models <- list(
  "tnormal-mu_lwk-u_regu_lwk" = list(udist = "tnormal", muhet = ~ lwk, uhet = ~ regu + lwk),
  "tnormal-mu_regu-u_lwl" = list(udist = "tnormal", muhet = ~ regu, uhet = ~ lwl),
  "hnormal-u_regu" = list(udist = "hnormal", uhet = ~ regu),
  "exponential-u_regu" = list(udist = "exponential", uhet = ~ regu)
)
out <- NULL
for (name in names(models)) {
  m <- models[[name]]
  args <- list(formula = ltc ~ ly + lwl + lwk, udist = m$udist, uhet = m$uhet, S = -1, data = d, method = "nr")
  if (!is.null(m$muhet)) args$muhet <- m$muhet
  fit <- do.call(sfacross, args)
  me <- marginal(fit)
  ll <- as.numeric(logLik(fit))
  cat(name, "logLik", format(ll, digits = 12), "\n")
  print(summary(me))
  vars <- sub("^Eu_", "", grep("^Eu_", names(me), value = TRUE))
  for (v in vars) {
    out <- rbind(out, data.frame(model = name, id = seq_len(nrow(me)), variable = v,
                                 d_mean_u = sprintf("%.17g", me[[paste0("Eu_", v)]]),
                                 d_var_u = sprintf("%.17g", me[[paste0("Vu_", v)]]), loglik = sprintf("%.17g", ll)))
  }
}
write.csv(out, "Datasets/sfaR_utility_marginal_effects.R.csv", row.names = FALSE, quote = FALSE)
