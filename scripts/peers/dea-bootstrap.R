# Reference outputs of R Benchmarking's dea.boot (Simar & Wilson 1998 bootstrap) for Tolok's
# --bootstrap tests: Datasets/pft_1981_bootstrap_<rts>_<orientation>.R.csv, one row per unit
# (eff, eff_bc, bias, lower, upper, sd) and the bandwidth R used (printed with LP=TRUE).
# Usage: Rscript scripts/peers/dea-bootstrap.R [B]   (from the repository root; B default 2000)
suppressMessages(library(Benchmarking))
args <- commandArgs(trailingOnly = TRUE)
B <- if (length(args) > 0) as.integer(args[1]) else 2000L
d <- read.csv("Datasets/pft_1981.csv")
X <- as.matrix(d[, grep("^x", names(d))])
Y <- as.matrix(d[, grep("^y", names(d))])
options(digits = 15)
for (cfg in list(c("vrs", "in"), c("crs", "out"))) {
  set.seed(20261204)
  printed <- capture.output(b <- dea.boot(X, Y, NREP = B, RTS = cfg[1], ORIENTATION = cfg[2], alpha = 0.05, LP = TRUE))
  h <- as.numeric(sub("Bandwidth = ", "", grep("^Bandwidth", printed, value = TRUE)))
  out <- data.frame(dmu = d$dmu, eff = b$eff, eff_bc = b$eff.bc, bias = b$bias,
                    lower = b$conf.int[, 1], upper = b$conf.int[, 2], sd = sqrt(b$var), bandwidth = h)
  f <- sprintf("Datasets/pft_1981_bootstrap_%s_%s.R.csv", cfg[1], cfg[2])
  write.csv(out, f, row.names = FALSE)
  cat(f, ": B =", B, ", h =", format(h, digits = 15), "\n")
}
cat("R", R.version.string, "; Benchmarking", as.character(packageVersion("Benchmarking")), "\n")
